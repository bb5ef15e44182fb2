import { ServiceUnavailableError } from '../utils/errors';

const PING_TIMEOUT_MS = 2000;

/** `pingDatabase` answers whether the database responds within a timeout; it never throws. */
export function createHealthService(deps: {
  pingDatabase: (timeoutMs: number) => Promise<boolean>;
}) {
  return {
    live: () => ({ status: 'ok', uptime: Math.round(process.uptime()) }),

    /** Ready means every dependency answers; otherwise a 503 naming the one that does not. */
    async ready() {
      if (!(await deps.pingDatabase(PING_TIMEOUT_MS))) {
        throw new ServiceUnavailableError('database', 'is unreachable');
      }
      return { status: 'ready', checks: { database: 'up' } };
    },
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
