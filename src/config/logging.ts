/** Logs (console, files, a collector) and metrics. */
import Joi from 'joi';
import { byEnvironment, fromRoot, oneOf, optional, type EnvOf } from './variables';

const LEVELS = ['error', 'warn', 'info', 'http', 'debug'] as const;

export const loggingVariables = {
  LOG_LEVEL: Joi.string()
    .valid(...LEVELS, 'silent')
    // http = access log lines too
    .when('NODE_ENV', {
      is: 'test',
      then: Joi.string().default('silent'),
      otherwise: Joi.string().default('http'),
    }),
  LOG_FORMAT: oneOf('pretty', 'json').when(
    'NODE_ENV',
    byEnvironment(Joi.string().default('json'), Joi.string().default('pretty')),
  ),
  LOG_FILE_ENABLED: Joi.boolean().default(false),
  LOG_DIR: Joi.string().default('logs'),
  LOG_SHIP_URL: optional(
    Joi.string()
      .uri({ scheme: ['http', 'https'] })
      .allow(''),
  ),
  LOG_SHIP_TOKEN: optional(Joi.string().allow('')),
  LOG_SHIP_LEVEL: Joi.string()
    .valid(...LEVELS)
    .default('info'),
  LOG_SHIP_BATCH_MS: Joi.number().integer().min(10).max(60_000).default(2000),
  METRICS_TOKEN: optional(Joi.string().min(16).allow('')),
};

export const loggingConfig = (env: EnvOf<typeof loggingVariables>) => ({
  log: {
    level: env.LOG_LEVEL,
    format: env.LOG_FORMAT,
    fileEnabled: env.LOG_FILE_ENABLED,
    dir: fromRoot(env.LOG_DIR),
    /** LOG_SHIP_URL: an HTTP log collector that receives the lines too. */
    ...(env.LOG_SHIP_URL && {
      ship: {
        url: env.LOG_SHIP_URL,
        token: env.LOG_SHIP_TOKEN || undefined,
        level: env.LOG_SHIP_LEVEL,
        batchMs: env.LOG_SHIP_BATCH_MS,
      },
    }),
  },
  /** GET /metrics for a Prometheus scraper holding this token; unset: no /metrics. */
  metrics: { token: env.METRICS_TOKEN || undefined },
});
