import type { RequestHandler } from 'express';
import { BadRequestError } from '../utils/errors';

/**
 * An HTTP/1.1 request without a Host header is a 400 (RFC 9112, 3.2). Node's server can
 * refuse it itself, but with a bare status line; src/http-server.ts turns that check off
 * so that this answers instead, in the error shape and with a request id.
 */
export const requireHost: RequestHandler = (req, _res, next) => {
  if (req.httpVersion === '1.1' && req.headers.host === undefined)
    return next(new BadRequestError('is required in an HTTP/1.1 request', 'host'));
  next();
};
