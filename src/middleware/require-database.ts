import type { RequestHandler } from 'express';
import { ServiceUnavailableError } from '../utils/errors';

/**
 * Answers 503 at once while the database is known to be unreachable, instead of letting
 * each request wait out the driver's server-selection timeout. `isConnected` is read from
 * the driver's own state, which it updates as the server goes and comes back.
 */
export function requireDatabase(isConnected: () => boolean): RequestHandler {
  return (_req, _res, next) => {
    if (!isConnected()) throw new ServiceUnavailableError('database', 'is unreachable');
    next();
  };
}
