/** What leaves the request: email, background jobs on RabbitMQ, Socket.IO events. */
import Joi from 'joi';
import { optional, type EnvOf } from './variables';

export const messagingVariables = {
  SMTP_URL: optional(
    Joi.string()
      .uri({ scheme: ['smtp', 'smtps'] })
      .when('NODE_ENV', { is: 'production', then: Joi.required() }),
  ),
  MAIL_FROM: Joi.string().default('Conduit <no-reply@conduit.local>'),
  MAIL_LOG_BODIES: Joi.boolean()
    .default(false)
    .when('NODE_ENV', { is: 'production', then: Joi.valid(false) }),
  AMQP_URL: optional(
    Joi.string()
      .uri({ scheme: ['amqp', 'amqps'] })
      .allow(''),
  ),
  JOB_QUEUE_PREFIX: Joi.string()
    .pattern(/^[\w.-]+$/)
    .default('conduit'),
  JOB_PREFETCH: Joi.number().integer().min(1).max(1000).default(10),
  JOB_MAX_ATTEMPTS: Joi.number().integer().min(1).max(50).default(5),
  JOB_RETRY_DELAYS_MS: Joi.string()
    .pattern(/^\d+(,\d+)*$/)
    .default('5000,30000,120000,600000'),
  JOB_RELAY_RETRY_MS: Joi.number().integer().min(50).default(2000),
  SOCKET_EVENTS_PER_WINDOW: Joi.number().integer().min(1).default(30),
  SOCKET_EVENT_WINDOW_MS: Joi.number().integer().min(1000).default(10_000),
  SOCKET_MAX_EVENT_BYTES: Joi.number()
    .integer()
    .min(256)
    .max(1024 * 1024)
    .default(16 * 1024),
  SOCKET_DELIVERY_ACK_TIMEOUT_MS: Joi.number().integer().min(100).default(10_000),
};

export const messagingConfig = (env: EnvOf<typeof messagingVariables>) => ({
  mail: {
    /** Unset (never in production): recipient and subject are logged instead of sending. */
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    /** Development only: also log the body (with its links) of messages not sent. */
    logBodies: env.MAIL_LOG_BODIES,
  },
  /** Background jobs (src/jobs): the broker, and how the worker consumes and retries. */
  jobs: {
    /** Unset: the API runs jobs itself (development, tests); set: the worker does. */
    amqpUrl: env.AMQP_URL || undefined,
    /** Exchange and queue names start with it. */
    prefix: env.JOB_QUEUE_PREFIX,
    /** Messages a worker holds unacknowledged at once. */
    prefetch: env.JOB_PREFETCH,
    /** Attempts before a job goes to the dead-letter queue. */
    maxAttempts: env.JOB_MAX_ATTEMPTS,
    /** Delay before attempt 2, 3, ...; the last one repeats. */
    retryDelaysMs: env.JOB_RETRY_DELAYS_MS.split(',').map(Number),
    /** How often a stalled outbox relay tries again. */
    relayRetryMs: env.JOB_RELAY_RETRY_MS,
  },
  /** Socket.IO (src/realtime): what one socket may send. */
  realtime: {
    /** Events a socket may send per window; more get a RATE_LIMITED acknowledgement. */
    eventsPerWindow: env.SOCKET_EVENTS_PER_WINDOW,
    eventWindowMs: env.SOCKET_EVENT_WINDOW_MS,
    /** An event's arguments past this many bytes get a PAYLOAD_TOO_LARGE acknowledgement. */
    maxEventBytes: env.SOCKET_MAX_EVENT_BYTES,
    /** How long a pushed direct message waits for the recipient's acknowledgement. */
    deliveryAckTimeoutMs: env.SOCKET_DELIVERY_ACK_TIMEOUT_MS,
  },
});
