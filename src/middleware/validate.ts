import type { RequestHandler } from 'express';
import type { EndpointSpec, Input } from '../endpoints/endpoint';
import { ValidationError, type ErrorMap } from '../utils/errors';
import { joiErrorMap } from './error-handler';

const PARTS = ['params', 'query', 'body'] as const;

export type ValidateMiddleware = RequestHandler & { spec: EndpointSpec };

type RawInput = Partial<Record<(typeof PARTS)[number], unknown>>;

/**
 * Validates and converts the parts the endpoint declares, stripping unknown keys; 422 with
 * every problem at once. Also used by transports without a `req` (GraphQL resolvers).
 */
export function validateInput<S extends EndpointSpec>(spec: S, raw: RawInput): Input<S> {
  const input: Record<string, unknown> = {};
  const errors: ErrorMap = {};
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
    if (error) Object.assign(errors, joiErrorMap(error));
    input[part] = value;
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  // The one cast: the spec's schemas produced exactly this shape.
  return input as Input<S>;
}

/**
 * The route's validation step: the checked input goes to `req.validated` for the
 * endpoint's handler (see controllers/handle.ts); the raw `req.body`/`req.query` stay
 * untouched.
 */
export function validate<S extends EndpointSpec>(spec: S): ValidateMiddleware {
  // An endpoint that takes no input (probes) gets the same empty input every time.
  const none = PARTS.every((part) => !spec[part]) ? validateInput(spec, {}) : undefined;
  const middleware: RequestHandler = (req, _res, next) => {
    req.validated = { spec, input: none ?? validateInput(spec, req) };
    next();
  };
  return Object.assign(middleware, { spec });
}
