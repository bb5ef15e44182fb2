/**
 * The central error handler: every error, thrown or rejected anywhere, ends here and
 * leaves as `{ errors: { <field or body>: [messages] }, code, requestId }`. What the error
 * means is decided elsewhere, for every transport alike (src/utils/translate-error.ts);
 * this only writes the HTTP answer.
 */
import type { ErrorRequestHandler, Request } from 'express';
import { markRequestError } from '../tracing/spans';
import { AppError, ServiceUnavailableError } from '../utils/errors';
import { logger } from '../utils/logger';
import { toAppError, type LibraryError } from '../utils/translate-error';

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
  return (err: LibraryError, req, res, next) => {
    const appError = toAppError(err);
    if (res.headersSent) {
      // A dependency failing after the answer was sent (a session touch): nothing to add.
      if (appError instanceof ServiceUnavailableError) return;
      return next(err); // too late for our shape: Express ends the half-sent response
    }
    res.set('Cache-Control', 'no-store'); // an error is nobody's to keep
    markRequestError(appError?.code ?? 'INTERNAL_ERROR'); // on the request's span, if traced
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
