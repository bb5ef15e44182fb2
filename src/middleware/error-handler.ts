/**
 * The central error handler: every error, thrown or rejected anywhere, ends here and
 * leaves as `{ errors: { <field or body>: [messages] }, code, requestId }`.
 */
import type { ErrorRequestHandler, Request } from 'express';
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
} from '../utils/errors';
import { logger } from '../utils/logger';
import { isDatabaseUnavailableError, isDuplicateKeyError } from '../utils/mongo';

/** Field → messages from a Joi error, with paths like `user.email` shortened to `email`. */
export function joiErrorMap(error: Joi.ValidationError): ErrorMap {
  const errors: ErrorMap = {};
  for (const detail of error.details) {
    const key = String(detail.path[detail.path.length - 1] ?? 'body');
    const message = detail.message.replace(/^"[^"]*" /, '');
    (errors[key] ??= []).push(message);
  }
  return errors;
}

interface HttpError extends Error {
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
export function toAppError(err: HttpError): AppError | undefined {
  if (err instanceof AppError) return err;
  if (Joi.isError(err)) return new ValidationError(joiErrorMap(err));
  if (err instanceof mongoose.Error.ValidationError) {
    const errors: ErrorMap = {};
    for (const [path, e] of Object.entries(err.errors)) errors[path] = [e.message];
    return new ValidationError(errors);
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

const INVALID_TOKEN_CODES = new Set(['TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_REVOKED']);

/**
 * The `WWW-Authenticate` challenge of a 401 (RFC 6750 style): the scheme the client used,
 * or both we accept, with `error="invalid_token"` when the token itself was refused.
 */
function authenticateChallenge(req: Request, error: AppError): string {
  const sent = /^(token|bearer)\b/i.exec(req.get('Authorization') ?? '')?.[1].toLowerCase();
  const schemes = sent ? [sent === 'token' ? 'Token' : 'Bearer'] : ['Token', 'Bearer'];
  const params = ['realm="conduit"'];
  if (INVALID_TOKEN_CODES.has(error.code)) {
    params.push('error="invalid_token"', `error_description="${error.message.replace(/"/g, "'")}"`);
  }
  return schemes.map((scheme) => `${scheme} ${params.join(', ')}`).join(', ');
}

/**
 * The last middleware. Known errors answer in their status; anything else is a 500 whose
 * body names no internals (the stack goes to the log, under the same request id).
 */
export function createErrorHandler(options: { exposeInternals: boolean }): ErrorRequestHandler {
  return (err: HttpError, req, res, next) => {
    const appError = toAppError(err);
    if (res.headersSent) {
      // A dependency failing after the answer was sent (a session touch): nothing to add.
      if (appError instanceof ServiceUnavailableError) return;
      return next(err); // too late for our shape: Express ends the half-sent response
    }
    res.set('Cache-Control', 'no-store'); // an error is nobody's to keep
    if (appError) {
      // 503s are logged once per outage by the dependency's own monitor, not per request.
      if (appError.status >= 500 && !(appError instanceof ServiceUnavailableError))
        logger.error(appError.message, { code: appError.code });
      if (appError.status === 401)
        res.set('WWW-Authenticate', authenticateChallenge(req, appError));
      if (appError.retryAfterSeconds !== undefined)
        res.set('Retry-After', String(appError.retryAfterSeconds));
      return res
        .status(appError.status)
        .json({ errors: appError.errors, code: appError.code, requestId: req.id });
    }

    logger.error('unhandled error', { error: err, method: req.method, url: req.originalUrl });
    return res.status(500).json({
      errors: { body: [options.exposeInternals ? err.message : 'Internal server error'] },
      code: 'INTERNAL_ERROR',
      requestId: req.id,
    });
  };
}
