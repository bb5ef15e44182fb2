/**
 * A Redis client for shared state (rate limits, sessions). It never queues commands while
 * disconnected — callers get an error at once and fall back — and it reconnects on its
 * own, so features resume when Redis returns, without a restart.
 */
import Redis from 'ioredis';
import { logger } from '../utils/logger';

export type RedisClient = Redis;

export function createRedisClient(url: string): RedisClient {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: false,
  });
  let down = false;
  client.on('ready', () => {
    if (down) logger.info('redis reconnected');
    down = false;
  });
  client.on('error', (err: Error) => {
    if (down) return; // one line per outage, not one per retry
    down = true;
    logger.warn('redis unavailable', { error: err.message });
  });
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
