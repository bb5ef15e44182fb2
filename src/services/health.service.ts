import { pingDatabase } from '../db/connection';
import { ServiceUnavailableError } from '../utils/errors';

const PING_TIMEOUT_MS = 2000;

export function getLiveness() {
  return { status: 'ok', uptime: Math.round(process.uptime()) };
}

/** Ready means every dependency answers; otherwise a 503 naming the one that does not. */
export async function getReadiness() {
  if (!(await pingDatabase(PING_TIMEOUT_MS))) {
    throw new ServiceUnavailableError('database', 'is unreachable');
  }
  return { status: 'ready', checks: { database: 'up' } };
}
