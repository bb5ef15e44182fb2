import type { RequestHandler } from 'express';
import type Joi from 'joi';
import { ValidationError } from '../utils/errors';
import { joiErrorMap } from './error-handler';

/** One Joi schema per request part; an endpoint's schema is `{ params?, query?, body? }`. */
export interface RequestSchema {
  params?: Joi.Schema;
  query?: Joi.Schema;
  body?: Joi.Schema;
}

const PARTS = ['params', 'query', 'body'] as const;

/**
 * Validates and converts the request parts named by `schema`, stripping unknown keys.
 * The result goes to `req.validated`; the raw `req.body`/`req.query` stay untouched.
 */
export function validate(schema: RequestSchema): RequestHandler {
  return (req, _res, next) => {
    const validated: Express.Request['validated'] = {};
    const errors: Record<string, string[]> = {};
    for (const part of PARTS) {
      const partSchema = schema[part];
      if (!partSchema) continue;
      const { value, error } = partSchema.validate(req[part] ?? {}, {
        abortEarly: false,
        stripUnknown: true,
        convert: true,
      });
      if (error) Object.assign(errors, joiErrorMap(error));
      else validated[part] = value;
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    req.validated = validated;
    next();
  };
}
