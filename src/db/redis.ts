/**
 * A Redis client for shared state (rate limits, sessions). It never queues commands while
 * disconnected — callers get an error at once and fall back — and it reconnects on its
 * own, so features resume when Redis returns, without a restart. An outage is logged once,
 * whoever notices it first (the client or a caller), and its end once.
 */
import Redis from 'ioredis';
import { logger } from '../utils/logger';

export type RedisClient = Redis;

const inOutage = new WeakSet<RedisClient>();

/** Records that `client` failed; the first failure of an outage is logged, the rest are not. */
export function noteRedisFailure(client: RedisClient, err: unknown): void {
  if (inOutage.has(client)) return;
  inOutage.add(client);
  logger.warn(
    'redis unavailable: the cache reads the database, rate limits count in memory, cookie sessions answer 503, live events stay on this instance',
    {
      error: err instanceof Error ? err.message : String(err),
    },
  );
}

export function createRedisClient(url: string): RedisClient {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: false,
    // disconnect() is only for a client that is not ready (see closeRedisClient): nothing to
    // flush, so no reason to hold a dead socket for ioredis's default 2 s.
    disconnectTimeout: 100,
    // Commands issued in the same event-loop turn (many requests at once) go in one write.
    enableAutoPipelining: true,
  });
  client.on('ready', () => {
    if (inOutage.delete(client))
      logger.info('redis reconnected: cache, limits and sessions shared again');
  });
  client.on('error', (err: Error) => noteRedisFailure(client, err));
  // A connection lost is an outage at once, before any command fails (callers skip Redis
  // while it is not ready, so none may).
  client.on('reconnecting', () => noteRedisFailure(client, new Error('connection lost')));
  return client;
}

/** Resolves true once connected, false after `timeoutMs` (the client keeps trying). */
export function waitForRedis(client: RedisClient, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    client.once('ready', onReady);
  });
}

// QUIT waits for Redis's answer; one that is gone, or going, would hold it forever.
const QUIT_TIMEOUT_MS = 1000;

/** Closes politely (QUIT) when Redis answers in time, else drops the connection. */
export async function closeRedisClient(client: RedisClient | undefined): Promise<void> {
  // Closed already: a second disconnect would wait on a stream that is gone.
  if (!client || client.status === 'end') return;
  if (client.status !== 'ready') return client.disconnect();
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), QUIT_TIMEOUT_MS);
  });
  try {
    if ((await Promise.race([client.quit(), gaveUp])) === 'timeout') client.disconnect();
  } catch {
    client.disconnect();
  } finally {
    clearTimeout(timer);
  }
}
