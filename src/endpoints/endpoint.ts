/**
 * An endpoint's contract, declared once: what it accepts (Joi schemas for params, query
 * and body, typed with `Joi.object<T>()`) and what it answers. Its handler carries it
 * (`handle(spec, fn)`, src/controllers/handle.ts); the route line adds method, path and
 * auth. From both come the request's validation and the OpenAPI operation
 * (src/docs/openapi.ts), and GraphQL and Socket.IO check their input with the same schemas.
 */
import type Joi from 'joi';
import { joiErrorMap } from '../utils/translate-error';
import { ValidationError, type ErrorMap } from '../utils/errors';

type SuccessStatus = 200 | 201 | 202 | 204 | 206 | 302 | 304;

/** A success answer: JSON of a schema in src/docs/schemas.ts, another media type, or none. */
export interface SuccessAnswer {
  status: SuccessStatus;
  schema?: string;
  /** A body that is not JSON (CSV, NDJSON), or one of several types (a file). */
  mediaType?: string | readonly string[];
  description?: string;
}

export interface EndpointSpec<P = unknown, Q = unknown, B = unknown> {
  summary: string;
  /**
   * What a reader of Swagger UI or Postman needs beyond the summary: what it does, its
   * rules and what it costs. Who may call it and its rate limits are added from the route.
   */
  description: string;
  /** OpenAPI tag; defaults to the tag of the router it is mounted in. */
  tag?: string;
  params?: Joi.ObjectSchema<P>;
  query?: Joi.ObjectSchema<Q>;
  body?: Joi.ObjectSchema<B>;
  /** A multipart/form-data body: the file field and how many files it takes. */
  upload?: { field: string; multiple: boolean; description: string };
  /** A body streamed as is, not parsed as JSON (e.g. application/x-ndjson). */
  rawBody?: { mediaType: string; description: string };
  success: SuccessAnswer;
  /** Other success answers (206 Partial Content, 304 Not Modified). */
  alsoAnswers?: readonly SuccessAnswer[];
  /** Error statuses beyond the ones the docs add by themselves (see src/docs/openapi.ts). */
  errors?: readonly number[];
}

/** Declares an endpoint; the type parameters are inferred from its schemas. */
export function endpoint<
  P = Record<string, never>,
  Q = Record<string, never>,
  B = Record<string, never>,
>(spec: EndpointSpec<P, Q, B>): EndpointSpec<P, Q, B> {
  return spec;
}

/** The validated input a handler of `S` receives. */
export type Input<S> =
  S extends EndpointSpec<infer P, infer Q, infer B> ? { params: P; query: Q; body: B } : never;

const PARTS = ['params', 'query', 'body'] as const;

type RawInput = Partial<Record<(typeof PARTS)[number], unknown>>;

/** Whether the endpoint takes no input at all (probes): its input is the same every time. */
export const takesNoInput = (spec: EndpointSpec) => PARTS.every((part) => !spec[part]);

/**
 * Validates and converts the parts the endpoint declares, stripping unknown keys; a 422
 * with every problem at once. For HTTP (`handle`), GraphQL resolvers and socket events.
 */
export function validateInput<S extends EndpointSpec>(spec: S, raw: RawInput): Input<S> {
  const input: Record<string, unknown> = {};
  let errors: ErrorMap = {};
  for (const part of PARTS) {
    const schema = spec[part];
    if (!schema) {
      input[part] = {};
      continue;
    }
    const { value, error } = schema.validate(raw[part] ?? {}, {
      abortEarly: false,
      stripUnknown: true,
      convert: true,
    });
    // Spread, not Object.assign: a field named `__proto__` stays a field.
    if (error) errors = { ...errors, ...joiErrorMap(error) };
    input[part] = value;
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  // The one cast: the spec's schemas produced exactly this shape.
  return input as Input<S>;
}
