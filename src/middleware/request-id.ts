import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { runWithRequestContext } from '../utils/request-context';

const REQUEST_ID_HEADER = 'X-Request-Id';

// Accept a caller's id only if it is short and harmless to echo and log (API Gateway's
// ids end in "=").
const SANE_ID = /^[A-Za-z0-9._:=-]{1,128}$/;

/** Adopts a sane incoming X-Request-Id or makes one, echoes it, and scopes the request in it. */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get(REQUEST_ID_HEADER);
  const id = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
  req.id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  runWithRequestContext({ requestId: id }, next);
};
