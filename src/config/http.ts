/** The HTTP edge of the app: CORS, bodies, proxies, rate limits, the server's own limits. */
import Joi from 'joi';
import type { EnvOf } from './variables';

const ms = (min: number, fallback: number) => Joi.number().integer().min(min).default(fallback);
const count = (fallback: number) => Joi.number().integer().min(1).default(fallback);
const MINUTE = 60 * 1000;

export const httpVariables = {
  // Production allows no cross-origin browser calls until origins are listed.
  CORS_ORIGINS: Joi.string()
    .allow('')
    .when('NODE_ENV', {
      is: 'production',
      then: Joi.string().default(''),
      otherwise: Joi.string().default(
        'http://localhost:3000,http://localhost:4100,http://localhost:4200,http://localhost:5173',
      ),
    }),
  BODY_LIMIT: Joi.string()
    .pattern(/^\d+(b|kb|mb)$/i)
    .default('100kb'),
  TRUST_PROXY_HOPS: Joi.number().integer().min(0).max(10).default(0),
  RATE_LIMIT_WINDOW_MS: ms(1000, 15 * MINUTE),
  RATE_LIMIT_MAX: count(1000),
  AUTH_RATE_LIMIT_WINDOW_MS: ms(1000, 15 * MINUTE),
  // Strict in production; roomy enough locally to run the Postman collection a few times.
  AUTH_RATE_LIMIT_MAX: Joi.number()
    .integer()
    .min(1)
    .when('NODE_ENV', {
      is: 'production',
      then: Joi.number().default(20),
      otherwise: Joi.number().default(100),
    }),
  LOGIN_MAX_FAILURES: count(5),
  LOGIN_LOCK_MS: ms(1000, 15 * MINUTE),
  WRITE_RATE_LIMIT_WINDOW_MS: ms(1000, 60 * MINUTE),
  ARTICLE_WRITE_MAX: count(60),
  COMMENT_WRITE_MAX: count(120),
  MESSAGE_WRITE_MAX: count(600),
  HTTP_HEADERS_TIMEOUT_MS: ms(100, 10_000),
  HTTP_REQUEST_TIMEOUT_MS: ms(100, 60_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: ms(100, 5_000),
  HTTP_MAX_HEADER_SIZE: Joi.number()
    .integer()
    .min(1024)
    .max(1024 * 1024)
    .default(16 * 1024),
  SHUTDOWN_TIMEOUT_MS: ms(100, 10_000),
};

export const httpConfig = (env: EnvOf<typeof httpVariables>) => ({
  corsOrigins: env.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
  bodyLimit: env.BODY_LIMIT,
  trustProxyHops: env.TRUST_PROXY_HOPS,
  rateLimit: { windowMs: env.RATE_LIMIT_WINDOW_MS, max: env.RATE_LIMIT_MAX },
  authRateLimit: { windowMs: env.AUTH_RATE_LIMIT_WINDOW_MS, max: env.AUTH_RATE_LIMIT_MAX },
  loginLock: { maxFailures: env.LOGIN_MAX_FAILURES, lockMs: env.LOGIN_LOCK_MS },
  /** Writes per signed-in user per window (articles created or updated, comments, messages). */
  writeLimits: {
    windowMs: env.WRITE_RATE_LIMIT_WINDOW_MS,
    articles: env.ARTICLE_WRITE_MAX,
    comments: env.COMMENT_WRITE_MAX,
    messages: env.MESSAGE_WRITE_MAX,
  },
  /** Node's HTTP server limits: slow or oversized clients are cut, not held. */
  server: {
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    maxHeaderSize: env.HTTP_MAX_HEADER_SIZE,
  },
  shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
});
