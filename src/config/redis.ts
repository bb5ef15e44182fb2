/** Redis, shared by every instance: rate limits, sessions, the read cache, Socket.IO rooms. */
import Joi from 'joi';
import { optional, type EnvOf } from './variables';

export const redisVariables = {
  REDIS_URL: optional(
    Joi.string()
      .uri({ scheme: ['redis', 'rediss'] })
      .allow('')
      .when('NODE_ENV', {
        is: 'development',
        then: Joi.string().default('redis://127.0.0.1:6379'),
      }),
  ),
  REDIS_KEY_PREFIX: Joi.string()
    .pattern(/^[\w:.-]+$/)
    .default('conduit:'),
  CACHE_ENABLED: Joi.boolean().default(true),
  CACHE_LOCAL_MAX: Joi.number().integer().min(1).max(1_000_000).default(10_000),
  CACHE_LOCAL_TTL_MS: Joi.number().integer().min(1).max(3_600_000).default(5000),
  CACHE_SHARED_TTL_SECONDS: Joi.number().integer().min(1).max(86_400).default(600),
};

export const redisConfig = (env: EnvOf<typeof redisVariables>) => ({
  redis: {
    /** Unset: rate limits (and sessions) live in this process's memory. */
    url: env.REDIS_URL || undefined,
    keyPrefix: env.REDIS_KEY_PREFIX,
  },
  /** The read cache: in-process LRU entries (short-lived) in front of Redis (shared). */
  cache: {
    enabled: env.CACHE_ENABLED,
    localMax: env.CACHE_LOCAL_MAX,
    localTtlMs: env.CACHE_LOCAL_TTL_MS,
    sharedTtlSeconds: env.CACHE_SHARED_TTL_SECONDS,
  },
});
