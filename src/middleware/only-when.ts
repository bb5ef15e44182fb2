import type { Request, RequestHandler } from 'express';

/** Runs `middleware` only for requests it can apply to: the others pay nothing for it. */
export const onlyWhen =
  (applies: (req: Request) => boolean, middleware: RequestHandler): RequestHandler =>
  (req, res, next) =>
    applies(req) ? middleware(req, res, next) : next();

export const sendsCookies = (req: Request) => req.headers.cookie !== undefined;
export const acceptsEncoding = (req: Request) => req.headers['accept-encoding'] !== undefined;
/** Whether a body follows the headers (type-is's test: Content-Length or Transfer-Encoding). */
export const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || req.headers['content-length'] !== undefined;
/** A cross-origin (CORS) request: browsers send Origin; curl, Postman and probes do not. */
export const hasOrigin = (req: Request) => req.headers.origin !== undefined;
