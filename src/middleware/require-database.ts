import type { RequestHandler } from 'express';
import { ServiceUnavailableError } from '../utils/errors';

const PROBE_EVERY_MS = 1000;

/**
 * Answers 503 at once while the database is known to be unreachable, instead of letting
 * each request wait out the driver's server-selection timeout. `isConnected` reads the
 * driver's own state; `probe` (a ping, at most once a second while down) makes the driver
 * look again now rather than at its next heartbeat, so service resumes as soon as the
 * database is back.
 */
export function requireDatabase(
  isConnected: () => boolean,
  probe: () => Promise<unknown>,
): RequestHandler {
  let lastProbe = 0;
  return (_req, _res, next) => {
    if (!isConnected()) {
      if (Date.now() - lastProbe >= PROBE_EVERY_MS) {
        lastProbe = Date.now();
        void probe();
      }
      throw new ServiceUnavailableError('database', 'is unreachable');
    }
    next();
  };
}
