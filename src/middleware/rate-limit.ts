/**
 * Rate limiters (express-rate-limit) answering 429 in the error shape with the IETF
 * `RateLimit`/`RateLimit-Policy` headers and `Retry-After`. With Redis (rate-limit-redis)
 * the counts are shared by every instance; without it, or while Redis is down, each
 * instance counts in memory — a defined, logged degradation, not an open door.
 */
import type { Request } from 'express';
import rateLimit, {
  ipKeyGenerator,
  MemoryStore,
  type Options,
  type Store,
} from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { RedisClient } from '../db/redis';
import { TooManyRequestsError } from '../utils/errors';
import { logger } from '../utils/logger';

/** Redis first; on any Redis error, the in-memory store, until Redis answers again. */
class RedisWithMemoryFallbackStore implements Store {
  private readonly memory = new MemoryStore();
  private readonly redis: RedisStore;
  private options?: Options;
  private redisNeedsInit = true;
  private degraded = false;
  readonly localKeys = false;

  constructor(
    client: RedisClient,
    readonly prefix: string,
  ) {
    this.redis = new RedisStore({
      prefix,
      sendCommand: (command: string, ...args: string[]) =>
        client.call(command, ...args) as Promise<number>,
    });
  }

  init(options: Options): void {
    this.options = options;
    this.memory.init(options);
  }

  private async viaRedis<T>(
    op: (store: RedisStore) => Promise<T>,
    fallback: () => Promise<T>,
  ): Promise<T> {
    try {
      // (Re)load the Lua scripts after start-up or an outage: the store never retries them itself.
      if (this.redisNeedsInit) {
        await this.redis.init(this.options!);
        this.redisNeedsInit = false;
      }
      const result = await op(this.redis);
      if (this.degraded)
        logger.info('rate limiting is shared through redis again', { prefix: this.prefix });
      this.degraded = false;
      return result;
    } catch (err) {
      if (!this.degraded) {
        logger.warn('rate limiting fell back to this instance’s memory: redis failed', {
          prefix: this.prefix,
          error: (err as Error).message,
        });
      }
      this.degraded = true;
      this.redisNeedsInit = true;
      return fallback();
    }
  }

  increment(key: string) {
    return this.viaRedis(
      (s) => s.increment(key),
      () => this.memory.increment(key),
    );
  }

  decrement(key: string) {
    return this.viaRedis(
      (s) => s.decrement(key),
      () => this.memory.decrement(key),
    );
  }

  resetKey(key: string) {
    return this.viaRedis(
      (s) => s.resetKey(key),
      () => this.memory.resetKey(key),
    );
  }
}

export interface RateLimitOptions {
  windowMs: number;
  max: number;
  /** Distinguishes this limiter's keys from other limiters' in a shared Redis. */
  prefix: string;
  redis?: RedisClient;
  keyGenerator?: (req: Request) => string;
  /** Count only failed requests (status >= 400): a lock after repeated failures. */
  skipSuccessfulRequests?: boolean;
  message?: string;
}

export function createRateLimiter(options: RateLimitOptions) {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skipSuccessfulRequests: options.skipSuccessfulRequests ?? false,
    ...(options.keyGenerator && { keyGenerator: options.keyGenerator }),
    store: options.redis
      ? new RedisWithMemoryFallbackStore(options.redis, options.prefix)
      : new MemoryStore(),
    handler: (_req, _res, next) => next(new TooManyRequestsError(options.message)),
  });
}

/** The client's IP, IPv6 addresses grouped by /56 as express-rate-limit recommends. */
export const clientIp = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
