/**
 * The one error model's translator: errors of the libraries the app uses — Joi, Mongoose
 * and the MongoDB driver, jsonwebtoken, multer and busboy, body-parser — become AppErrors
 * (src/utils/errors.ts). Every transport uses it: the Express error handler, GraphQL's error
 * formatter, Socket.IO acknowledgements, the NDJSON import's per-line results.
 */
import Joi from 'joi';
import jwt from 'jsonwebtoken';
import mongoose from 'mongoose';
import multer from 'multer';
import {
  AppError,
  BadRequestError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
  type ErrorMap,
} from './errors';
import { isDatabaseUnavailableError, isDuplicateKeyError } from './mongo';

/**
 * Field → messages from a Joi error, with paths like `user.email` shortened to `email`.
 * Field names come from the client: collected in a Map, never looked up on a plain object,
 * where `constructor` or `__proto__` would find Object.prototype's.
 */
export function joiErrorMap(error: Joi.ValidationError): ErrorMap {
  const errors = new Map<string, string[]>();
  for (const detail of error.details) {
    const key = String(detail.path[detail.path.length - 1] ?? 'body');
    const message = detail.message.replace(/^"[^"]*" /, '');
    errors.set(key, [...(errors.get(key) ?? []), message]);
  }
  return Object.fromEntries(errors);
}

/** What library errors may carry: an HTTP status (body-parser, http-errors), a MongoDB code. */
export interface LibraryError extends Error {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: unknown;
  keyValue?: Record<string, unknown>;
  keyPattern?: Record<string, unknown>;
}

const MULTER_STATUS: Partial<Record<multer.ErrorCode, number>> = {
  LIMIT_FILE_SIZE: 413,
  LIMIT_FIELD_VALUE: 413,
};

/** Translates known library errors into AppErrors; unknown errors stay unknown (500). */
export function toAppError(thrown: unknown): AppError | undefined {
  if (thrown instanceof AppError) return thrown;
  if (!(thrown instanceof Error)) return undefined; // not even an Error: a bug (500)
  const err: LibraryError = thrown;
  if (Joi.isError(err)) return new ValidationError(joiErrorMap(err));
  if (err instanceof mongoose.Error.ValidationError) {
    return new ValidationError(
      Object.fromEntries(Object.entries(err.errors).map(([path, e]) => [path, [e.message]])),
    );
  }
  if (err instanceof mongoose.Error.CastError)
    return new NotFoundError(err.path === '_id' ? 'id' : err.path);
  // save() of a document deleted meanwhile (an update racing a delete): it is gone.
  if (err instanceof mongoose.Error.DocumentNotFoundError) {
    const model = /on model "(\w+)"/.exec(err.message)?.[1];
    return new NotFoundError(model ? model.toLowerCase() : 'resource');
  }
  if (isDuplicateKeyError(err)) {
    const field = Object.keys(err.keyValue ?? err.keyPattern ?? { body: 1 })[0] ?? 'body';
    return new ValidationError({ [field]: ['is already taken'] });
  }
  if (err instanceof jwt.TokenExpiredError)
    return new UnauthorizedError('has expired', 'token', 'TOKEN_EXPIRED');
  if (err instanceof jwt.JsonWebTokenError || err instanceof jwt.NotBeforeError) {
    return new UnauthorizedError('is invalid', 'token', 'TOKEN_INVALID');
  }
  if (err instanceof multer.MulterError) {
    // A form not as the endpoint describes it (unexpected field, too many files): 400.
    const status = MULTER_STATUS[err.code] ?? 400;
    return new AppError(status, err.code, { [err.field ?? 'file']: [err.message.toLowerCase()] });
  }
  // busboy (under multer) says so when a multipart body is cut or malformed.
  if (
    /^(Unexpected end of (form|file)|Malformed part header|Multipart: Boundary not found)/.test(
      err.message,
    )
  )
    return new BadRequestError(
      'is not valid multipart/form-data (cut short?)',
      'body',
      'MALFORMED_MULTIPART',
    );
  // body-parser (express.json / urlencoded) marks its errors with a `type`.
  if (err.type === 'entity.parse.failed')
    return new BadRequestError('is not valid JSON', 'body', 'MALFORMED_JSON');
  if (err.type === 'entity.too.large')
    return new PayloadTooLargeError('is larger than the allowed limit');
  if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported')
    return new UnsupportedMediaTypeError(err.message.toLowerCase());
  if (isDatabaseUnavailableError(err))
    return new ServiceUnavailableError('database', 'is unreachable');
  const status = err.status ?? err.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, 'BAD_REQUEST', { body: [err.message] });
  }
  return undefined;
}
