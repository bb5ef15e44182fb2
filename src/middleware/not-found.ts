import type { RequestHandler } from 'express';
import { NotFoundError } from '../utils/errors';

/** Any request no route answered. */
export const notFound: RequestHandler = (req) => {
  throw new NotFoundError('route', `${req.method} ${req.path} does not exist`);
};
