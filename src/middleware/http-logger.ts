/**
 * Access log: one morgan line per response, written through winston (so it gets the
 * request id). No headers in the format, so Authorization and cookies never reach the
 * log; query parameters that carry secrets (an emailed `token`, an OAuth `code`) are masked.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import morgan from 'morgan';
import { logger } from '../utils/logger';

const SECRET_PARAM = /token|code|state|pass|secret|key|sig|session/i;

/** The request URL with the values of secret-looking query parameters replaced. */
export function loggableUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const params = new URLSearchParams(url.slice(queryStart + 1));
  for (const name of new Set(params.keys())) {
    if (SECRET_PARAM.test(name)) params.set(name, 'REDACTED');
  }
  return `${url.slice(0, queryStart)}?${params.toString()}`;
}

morgan.token('safe-url', (req: IncomingMessage & { originalUrl?: string }) =>
  loggableUrl(req.originalUrl ?? req.url ?? ''),
);

const accessLog = morgan(':method :safe-url :status :res[content-length] - :response-time ms', {
  stream: { write: (line: string) => logger.http(line.trim()) },
});

/** The access log, costing nothing (no timer, no line formatted) while `http` is off. */
export const httpLogger: RequestHandler = (req, res, next) =>
  logger.isLevelEnabled('http') ? accessLog(req, res, next) : next();
