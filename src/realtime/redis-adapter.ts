/**
 * The Redis adapter (@socket.io/redis-adapter) shares rooms and broadcasts between
 * instances: a comment posted through instance A reaches a socket connected to B.
 *
 * It fires Redis commands without handling their rejection, and asks Redis how many
 * instances listen before every acknowledged broadcast; with Redis down, either is an
 * unhandled rejection, which ends this process. Here those rejections are caught and the
 * count falls back to this instance: during an outage events reach local sockets only,
 * and the subscriber client resubscribes by itself when Redis returns.
 */
import { RedisAdapter } from '@socket.io/redis-adapter';
import type { Namespace } from 'socket.io';
import { closeRedisClient, noteRedisFailure, type RedisClient } from '../db/redis';

// The commands the adapter calls and drops the promise of.
const FIRE_AND_FORGET = new Set([
  'publish',
  'subscribe',
  'psubscribe',
  'unsubscribe',
  'punsubscribe',
]);

/** `client`, with the rejection of each fire-and-forget command caught and reported. */
function catchingRejections(client: RedisClient, report: (err: Error) => void): RedisClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !FIRE_AND_FORGET.has(property)) return value;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (result instanceof Promise) result.catch(report);
        return result;
      };
    },
  });
}

class OutageTolerantRedisAdapter extends RedisAdapter {
  override serverCount(): Promise<number> {
    return super.serverCount().catch(() => 1);
  }
}

/**
 * The adapter factory for `io.adapter()`, on the app's client (publishing) and a
 * duplicate (subscribing; it queues its subscriptions until Redis answers).
 */
export function createRedisAdapter(redis: RedisClient, keyPrefix: string) {
  const subscriber = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
  // One outage, one log line: the subscriber's failures count as the app client's.
  const report = (err: Error) => noteRedisFailure(redis, err);
  subscriber.on('error', report);
  const pub = catchingRejections(redis, report);
  const sub = catchingRejections(subscriber, report);
  const options = { key: `${keyPrefix}socket.io` };
  return {
    // Socket.IO constructs the adapter with `new`, once per namespace.
    adapter: class extends OutageTolerantRedisAdapter {
      constructor(nsp: Namespace) {
        super(nsp, pub, sub, options);
      }
    },
    close: () => closeRedisClient(subscriber),
  };
}
