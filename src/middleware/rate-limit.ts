/**
 * Rate limiters (express-rate-limit) answering 429 in the error shape with the IETF
 * `RateLimit`/`RateLimit-Policy` headers and `Retry-After`. With Redis (rate-limit-redis)
 * the counts are shared by every instance; without it, or while Redis is down, each
 * instance counts in memory — a defined, logged degradation, not an open door.
 */
import { isIPv4 } from 'node:net';
import type { Request, RequestHandler } from 'express';
import rateLimit, {
  ipKeyGenerator,
  MemoryStore,
  type Options,
  type Store,
} from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { noteRedisFailure, type RedisClient } from '../db/redis';
import { TooManyRequestsError } from '../utils/errors';
import { logger } from '../utils/logger';

/** Redis first; on any Redis error, the in-memory store, until Redis answers again. */
class RedisWithMemoryFallbackStore implements Store {
  private readonly memory = new MemoryStore();
  private readonly redis: RedisStore;
  private options?: Options;
  private redisNeedsInit = true;
  readonly localKeys = false;

  constructor(
    private readonly client: RedisClient,
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
      return await op(this.redis);
    } catch (err) {
      noteRedisFailure(this.client, err as Error); // logged once per outage, for every user
      this.redisNeedsInit = true;
      return fallback();
    }
  }

  get(key: string) {
    return this.viaRedis(
      (s) => s.get(key),
      () => this.memory.get(key),
    );
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
    keyGenerator: options.keyGenerator ?? clientIp,
    store: options.redis
      ? new RedisWithMemoryFallbackStore(options.redis, options.prefix)
      : new MemoryStore(),
    handler: (_req, _res, next) => next(new TooManyRequestsError(options.message)),
  });
}

/**
 * Counts failures only, once a request's outcome is known: a 401 adds one, a success clears
 * the count, and while the count is at `max` the request is refused with 429 before it
 * runs. (express-rate-limit counts every request first and takes successes back later, so
 * concurrent correct logins were refused, and their 429s were never taken back.)
 */
export function createFailureLimiter(
  options: RateLimitOptions & { keyGenerator: (req: Request) => string },
) {
  const store = options.redis
    ? new RedisWithMemoryFallbackStore(options.redis, options.prefix)
    : new MemoryStore();
  store.init({ windowMs: options.windowMs } as Options); // the stores read only windowMs
  const count = (promise: Promise<unknown>) =>
    promise.catch((err: Error) => logger.warn('failure count not updated', { error: err.message }));

  const limiter: RequestHandler = async (req, res, next) => {
    const key = options.keyGenerator(req);
    const info = await store.get(key);
    if (info && info.totalHits >= options.max) {
      const seconds = Math.ceil(((info.resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000);
      throw new TooManyRequestsError(options.message, Math.max(seconds, 1));
    }
    res.on('finish', () => {
      if (res.statusCode === 401) void count(store.increment(key));
      else if (res.statusCode < 400) void count(store.resetKey(key));
    });
    next();
  };
  return limiter;
}

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/**
 * The client's IP, IPv6 addresses grouped by /56 as express-rate-limit recommends. IPv4
 * (and IPv4-mapped IPv6, what a dual-stack server sees) needs no parsing: it is its own key.
 */
export const clientIp = (req: Request) => {
  const ip = req.ip ?? 'unknown';
  if (isIPv4(ip)) return ip;
  return MAPPED_IPV4.exec(ip)?.[1] ?? ipKeyGenerator(ip);
};
