/**
 * Rate limiters, all express-rate-limit: 429 in the error shape with the IETF
 * `RateLimit`/`RateLimit-Policy` headers and `Retry-After`. With Redis (its store from
 * rate-limit-redis) the counts are shared by every instance; without it, or while Redis is
 * down, a second limiter of the same settings counts in this instance's memory — a defined,
 * logged degradation (src/db/redis.ts logs the outage once), not an open door.
 */
import { isIPv4 } from 'node:net';
import type { Request, RequestHandler } from 'express';
import rateLimit, {
  ipKeyGenerator,
  MemoryStore,
  type RateLimitRequestHandler,
} from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { RedisClient } from '../db/redis';
import { TooManyRequestsError } from '../utils/errors';

export interface RateLimitOptions {
  windowMs: number;
  max: number;
  /** Distinguishes this limiter's keys from other limiters' in a shared Redis. */
  prefix: string;
  redis?: RedisClient;
  keyGenerator?: (req: Request) => string;
  message?: string;
  /** What one count is kept for, in words (the OpenAPI document shows it): "client IP". */
  per: string;
}

/** A limiter's policy, read from the route by the OpenAPI document. */
export interface LimitPolicy {
  max: number;
  windowMs: number;
  per: string;
  /** Failed attempts only (logins). */
  failuresOnly?: boolean;
}

const policyOf = ({ max, windowMs, per }: RateLimitOptions): LimitPolicy => ({
  max,
  windowMs,
  per,
});

const limiter = (
  options: RateLimitOptions,
  store: MemoryStore | RedisStore,
  skip: () => boolean,
): RateLimitRequestHandler =>
  rateLimit({
    windowMs: options.windowMs,
    limit: options.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: options.keyGenerator ?? clientIp,
    store,
    skip,
    // A Redis command that fails mid-outage lets that one request through.
    passOnStoreError: true,
    handler: (_req, _res, next) => next(new TooManyRequestsError(options.message)),
  });

/**
 * A limiter that counts in Redis while Redis is up, and in memory while it is not. The
 * Redis one is made again on each reconnection: its store loads its scripts when it is made.
 */
export function createRateLimiter(options: RateLimitOptions) {
  const { redis } = options;
  const redisUp = () => redis?.status === 'ready';
  const memory = Object.assign(limiter(options, new MemoryStore(), redisUp), {
    policy: policyOf(options),
  });
  if (!redis) return memory;
  // ioredis answers `unknown`; what rate-limit-redis's scripts return is a RedisReply.
  const sendCommand = (command: string, ...args: string[]) =>
    redis.call(command, ...args) as Promise<RedisReply>;
  const shared = () =>
    limiter(options, new RedisStore({ prefix: options.prefix, sendCommand }), () => !redisUp());
  let current = redisUp() ? shared() : undefined;
  redis.on('ready', () => (current = shared()));
  const handler: RequestHandler = (req, res, next) => {
    if (!current || !redisUp()) return memory(req, res, next);
    return current(req, res, next);
  };
  return Object.assign(handler, {
    /** The client's count: Redis while it is up, else memory. */
    getKey: (key: string) => (current && redisUp() ? current.getKey(key) : memory.getKey(key)),
    resetKey: (key: string) =>
      current && redisUp() ? current.resetKey(key) : memory.resetKey(key),
    policy: policyOf(options),
  });
}

/**
 * Failed attempts only (logins): a limiter that runs when an attempt has failed — as
 * error-handling middleware after the handler, so the failure itself still answers 401 —
 * checked before each attempt (429 once the count is at `max`, the right password too) and
 * cleared by a success. Counting after the outcome, not before it, is what lets many
 * correct logins at once through.
 */
export function createFailureLimiter(
  options: RateLimitOptions & { keyGenerator: (req: Request) => string },
) {
  const failures = createRateLimiter(options);
  const checkFailures: RequestHandler = async (req, res, next) => {
    const key = options.keyGenerator(req);
    const counted = await failures.getKey(key);
    if (counted && counted.totalHits >= options.max) {
      const seconds = Math.ceil(((counted.resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000);
      throw new TooManyRequestsError(options.message, Math.max(seconds, 1));
    }
    res.on('finish', () => {
      if (res.statusCode < 400) void failures.resetKey(key);
    });
    next();
  };
  const check = Object.assign(checkFailures, {
    policy: { ...policyOf(options), failuresOnly: true },
  });
  /** After the handler: a 401 (wrong credentials) is counted, then answered as it is. */
  const count = (
    err: { status?: number },
    req: Request,
    res: Parameters<RequestHandler>[1],
    next: (err?: unknown) => void,
  ) => {
    if (err.status !== 401) return next(err);
    failures(req, res, () => next(err));
  };
  return { check, count };
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
