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
export function noteRedisFailure(client: RedisClient, err: Error): void {
  if (inOutage.has(client)) return;
  inOutage.add(client);
  logger.warn('redis unavailable: rate limits count in memory, cookie sessions answer 503', {
    error: err.message,
  });
}

export function createRedisClient(url: string): RedisClient {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: false,
  });
  client.on('ready', () => {
    if (inOutage.delete(client)) logger.info('redis reconnected: limits and sessions shared again');
  });
  client.on('error', (err: Error) => noteRedisFailure(client, err));
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

export async function closeRedisClient(client: RedisClient | undefined): Promise<void> {
  if (!client) return;
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
