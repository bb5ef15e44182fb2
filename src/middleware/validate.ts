import type { RequestHandler } from 'express';
import type { EndpointSpec } from '../endpoints/endpoint';
import { ValidationError, type ErrorMap } from '../utils/errors';
import { joiErrorMap } from './error-handler';

const PARTS = ['params', 'query', 'body'] as const;

export type ValidateMiddleware = RequestHandler & { spec: EndpointSpec };

/**
 * Validates and converts the request parts the endpoint declares, stripping unknown keys;
 * 422 with every problem at once. The result goes to `req.validated` for the endpoint's
 * handler (see controllers/handle.ts); the raw `req.body`/`req.query` stay untouched.
 */
export function validate<S extends EndpointSpec>(spec: S): ValidateMiddleware {
  const middleware: RequestHandler = (req, _res, next) => {
    const input: Record<string, unknown> = {};
    const errors: ErrorMap = {};
    for (const part of PARTS) {
      const schema = spec[part];
      if (!schema) {
        input[part] = {};
        continue;
      }
      const { value, error } = schema.validate(req[part] ?? {}, {
        abortEarly: false,
        stripUnknown: true,
        convert: true,
      });
      if (error) Object.assign(errors, joiErrorMap(error));
      input[part] = value;
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    req.validated = { spec, input };
    next();
  };
  return Object.assign(middleware, { spec });
}
