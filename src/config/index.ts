/**
 * The one place that reads process.env: dotenv loads .env, one Joi schema validates and
 * types it, and the result is a frozen `config` object. Only the entry points (server.ts,
 * scripts/) import it; they hand each part to the factories in app.ts (lint enforces this).
 */
import os from 'node:os';
import path from 'node:path';
import dotenv from 'dotenv';
import Joi from 'joi';

type NodeEnv = 'development' | 'test' | 'production';

export interface Config {
  env: NodeEnv;
  isProduction: boolean;
  port: number;
  projectRoot: string;
  db: {
    /** Set: connect there. Unset (not production): start the embedded FerretDB. */
    uri: string | undefined;
    embeddedDataDir: string;
    /** Set: the embedded FerretDB stores in this PostgreSQL database instead of SQLite files. */
    embeddedPostgresqlUrl: string | undefined;
    /** `npm run db`'s port; 0 picks a free one. */
    embeddedPort: number;
    /** Where the embedded FerretDB binary is cached, shared by every clone of this user. */
    ferretdbCacheDir: string;
    connectRetries: number;
    serverSelectionTimeoutMs: number;
  };
  redis: {
    /** Unset: rate limits (and sessions) live in this process's memory. */
    url: string | undefined;
    keyPrefix: string;
  };
  jwt: {
    secret: string;
    /** Lifetime of the access tokens of /api/v1/auth/* (they come with refresh tokens). */
    accessTokenExpiresIn: string;
    /** Lifetime of the RealWorld `user.token`: its clients have no refresh logic. */
    userTokenExpiresIn: string;
    refreshTtlDays: number;
  };
  session: { secret: string; ttlHours: number };
  bcryptRounds: number;
  http: {
    corsOrigins: string[];
    bodyLimit: string;
    trustProxyHops: number;
    rateLimit: { windowMs: number; max: number };
    authRateLimit: { windowMs: number; max: number };
    loginLock: { maxFailures: number; lockMs: number };
    /** Writes per signed-in user per window (articles created or updated, comments, messages). */
    writeLimits: { windowMs: number; articles: number; comments: number; messages: number };
    /** Node's HTTP server limits: slow or oversized clients are cut, not held. */
    server: {
      headersTimeoutMs: number;
      requestTimeoutMs: number;
      keepAliveTimeoutMs: number;
      maxHeaderSize: number;
    };
    shutdownTimeoutMs: number;
  };
  mail: {
    /** Unset (never in production): recipient and subject are logged instead of sending. */
    smtpUrl: string | undefined;
    from: string;
    /** Development only: also log the body (with its links) of messages not sent. */
    logBodies: boolean;
  };
  /** Background jobs (src/jobs): the broker, and how the worker consumes and retries. */
  jobs: {
    /** Unset: the API runs jobs itself (development, tests); set: the worker does. */
    amqpUrl: string | undefined;
    /** Exchange and queue names start with it. */
    prefix: string;
    /** Messages a worker holds unacknowledged at once. */
    prefetch: number;
    /** Attempts before a job goes to the dead-letter queue. */
    maxAttempts: number;
    /** Delay before attempt 2, 3, ...; the last one repeats. */
    retryDelaysMs: number[];
    /** How often a stalled outbox relay tries again. */
    relayRetryMs: number;
  };
  /** OpenID Connect sign-in; off unless an issuer is configured. */
  oidc: {
    issuerUrl: string | undefined;
    clientId: string | undefined;
    clientSecret: string | undefined;
    redirectUri: string;
  };
  /** Uploaded files: where they are stored and how much each user may send. */
  uploads: {
    /** disk (default) or gridfs (files in the database: instances need no shared disk). */
    driver: 'disk' | 'gridfs';
    /** For the disk driver; never inside src/ or public/. */
    dir: string;
    maxFileBytes: number;
    maxFiles: number;
    maxAvatarBytes: number;
    /** All of a user's attachments together. */
    quotaBytes: number;
    /** NDJSON article import: lines per request, bytes per line. */
    importMaxLines: number;
    importMaxLineBytes: number;
  };
  /** Socket.IO (src/realtime): what one socket may send. */
  realtime: {
    /** Events a socket may send per window; more get a RATE_LIMITED acknowledgement. */
    eventsPerWindow: number;
    eventWindowMs: number;
    /** An event's arguments past this many bytes get a PAYLOAD_TOO_LARGE acknowledgement. */
    maxEventBytes: number;
    /** How long a pushed direct message waits for the recipient's acknowledgement. */
    deliveryAckTimeoutMs: number;
  };
  /** Public base URL of the app, for links in emails and file URLs. */
  appUrl: string;
  /** Serve /docs (OpenAPI JSON and Swagger UI). */
  docsEnabled: boolean;
  /** GET /metrics for a Prometheus scraper holding this token; unset: no /metrics. */
  metrics: { token: string | undefined };
  /** The read cache: in-process LRU entries (short-lived) in front of Redis (shared). */
  cache: { enabled: boolean; localMax: number; localTtlMs: number; sharedTtlSeconds: number };
  /** POST/GET /graphql: introspection and GraphiQL (development), depth and cost limits. */
  graphql: { introspection: boolean; graphiql: boolean; maxDepth: number; maxCost: number };
  log: {
    level: string;
    format: 'pretty' | 'json';
    fileEnabled: boolean;
    dir: string;
    /** LOG_SHIP_URL: an HTTP log collector that receives the lines too. */
    ship?: { url: string; token?: string; level: string; batchMs: number };
  };
}

const projectRoot = path.resolve(__dirname, '..', '..');

// Local-only defaults: production must set every secret explicitly.
const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me-0123456789';
const DEV_SESSION_SECRET = 'dev-only-insecure-session-secret-change-me-0123';

const DURATION = /^\d+[smhd]?$/;

const envSchema = Joi.object({
  NODE_ENV: Joi.string().valid('development', 'test', 'production').default('development'),
  PORT: Joi.number().port().default(3000),

  MONGODB_URI: Joi.string()
    .uri({ scheme: ['mongodb', 'mongodb+srv'] })
    .when('NODE_ENV', { is: 'production', then: Joi.required() }),
  EMBEDDED_DB_DIR: Joi.string().default('data/ferretdb'),
  EMBEDDED_DB_PORT: Joi.number().port().default(0),
  EMBEDDED_DB_POSTGRESQL_URL: Joi.string().uri({ scheme: ['postgres', 'postgresql'] }),
  FERRETDB_CACHE_DIR: Joi.string(),
  XDG_CACHE_HOME: Joi.string(),
  DB_CONNECT_RETRIES: Joi.number().integer().min(0).max(20).default(5),
  // How long an operation waits for a reachable server: a request caught by an outage
  // answers 503 after this; later ones at once (the driver has seen the server go).
  DB_SERVER_SELECTION_TIMEOUT_MS: Joi.number().integer().min(100).default(2000),

  REDIS_URL: Joi.string()
    .uri({ scheme: ['redis', 'rediss'] })
    .allow('')
    .when('NODE_ENV', {
      is: 'development',
      then: Joi.string().default('redis://127.0.0.1:6379'),
    }),
  REDIS_KEY_PREFIX: Joi.string()
    .pattern(/^[\w:.-]+$/)
    .default('conduit:'),

  JWT_SECRET: Joi.string()
    .min(32)
    .when('NODE_ENV', {
      is: 'production',
      then: Joi.required().invalid(DEV_JWT_SECRET),
      otherwise: Joi.optional().default(DEV_JWT_SECRET),
    }),
  JWT_EXPIRES_IN: Joi.string().pattern(DURATION).default('15m'),
  USER_TOKEN_EXPIRES_IN: Joi.string().pattern(DURATION).default('1d'),
  SESSION_SECRET: Joi.string()
    .min(32)
    .when('NODE_ENV', {
      is: 'production',
      then: Joi.required().invalid(DEV_SESSION_SECRET),
      otherwise: Joi.optional().default(DEV_SESSION_SECRET),
    }),
  SESSION_TTL_HOURS: Joi.number()
    .integer()
    .min(1)
    .max(24 * 90)
    .default(7 * 24),
  REFRESH_TOKEN_TTL_DAYS: Joi.number().integer().min(1).max(365).default(30),
  BCRYPT_ROUNDS: Joi.number()
    .integer()
    .min(4)
    .max(15)
    .when('NODE_ENV', {
      is: 'test',
      then: Joi.number().default(4),
      otherwise: Joi.number().default(10),
    }),

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
  RATE_LIMIT_WINDOW_MS: Joi.number()
    .integer()
    .min(1000)
    .default(15 * 60 * 1000),
  RATE_LIMIT_MAX: Joi.number().integer().min(1).default(1000),
  AUTH_RATE_LIMIT_WINDOW_MS: Joi.number()
    .integer()
    .min(1000)
    .default(15 * 60 * 1000),
  // Strict in production; roomy enough locally to run the Postman collection a few times.
  AUTH_RATE_LIMIT_MAX: Joi.number()
    .integer()
    .min(1)
    .when('NODE_ENV', {
      is: 'production',
      then: Joi.number().default(20),
      otherwise: Joi.number().default(100),
    }),
  LOGIN_MAX_FAILURES: Joi.number().integer().min(1).default(5),
  LOGIN_LOCK_MS: Joi.number()
    .integer()
    .min(1000)
    .default(15 * 60 * 1000),
  WRITE_RATE_LIMIT_WINDOW_MS: Joi.number()
    .integer()
    .min(1000)
    .default(60 * 60 * 1000),
  ARTICLE_WRITE_MAX: Joi.number().integer().min(1).default(60),
  COMMENT_WRITE_MAX: Joi.number().integer().min(1).default(120),
  MESSAGE_WRITE_MAX: Joi.number().integer().min(1).default(600),
  SOCKET_EVENTS_PER_WINDOW: Joi.number().integer().min(1).default(30),
  SOCKET_EVENT_WINDOW_MS: Joi.number().integer().min(1000).default(10_000),
  SOCKET_MAX_EVENT_BYTES: Joi.number()
    .integer()
    .min(256)
    .max(1024 * 1024)
    .default(16 * 1024),
  SOCKET_DELIVERY_ACK_TIMEOUT_MS: Joi.number().integer().min(100).default(10_000),
  HTTP_HEADERS_TIMEOUT_MS: Joi.number().integer().min(100).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: Joi.number().integer().min(100).default(60_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: Joi.number().integer().min(100).default(5_000),
  HTTP_MAX_HEADER_SIZE: Joi.number()
    .integer()
    .min(1024)
    .max(1024 * 1024)
    .default(16 * 1024),
  SHUTDOWN_TIMEOUT_MS: Joi.number().integer().min(100).default(10_000),

  STORAGE_DRIVER: Joi.string().valid('disk', 'gridfs').default('disk'),
  UPLOADS_DIR: Joi.string()
    .default('data/uploads')
    .custom((dir: string) => {
      const resolved = path.resolve(projectRoot, dir);
      for (const code of ['src', 'public']) {
        const forbidden = path.join(projectRoot, code);
        if (resolved === forbidden || resolved.startsWith(`${forbidden}${path.sep}`))
          throw new Error(
            `must not be inside ${code}/ (uploads would be served or shipped as code)`,
          );
      }
      return dir;
    }),
  UPLOAD_MAX_FILE_BYTES: Joi.number()
    .integer()
    .min(1024)
    .default(10 * 1024 * 1024),
  UPLOAD_MAX_FILES: Joi.number().integer().min(1).max(50).default(5),
  AVATAR_MAX_BYTES: Joi.number()
    .integer()
    .min(1024)
    .default(5 * 1024 * 1024),
  UPLOAD_QUOTA_BYTES: Joi.number()
    .integer()
    .min(1024)
    .default(100 * 1024 * 1024),
  IMPORT_MAX_LINES: Joi.number().integer().min(1).default(10_000),
  IMPORT_MAX_LINE_BYTES: Joi.number()
    .integer()
    .min(1024)
    .default(128 * 1024),
  AMQP_URL: Joi.string()
    .uri({ scheme: ['amqp', 'amqps'] })
    .allow(''),
  JOB_QUEUE_PREFIX: Joi.string()
    .pattern(/^[\w.-]+$/)
    .default('conduit'),
  JOB_PREFETCH: Joi.number().integer().min(1).max(1000).default(10),
  JOB_MAX_ATTEMPTS: Joi.number().integer().min(1).max(50).default(5),
  JOB_RETRY_DELAYS_MS: Joi.string()
    .pattern(/^\d+(,\d+)*$/)
    .default('5000,30000,120000,600000'),
  JOB_RELAY_RETRY_MS: Joi.number().integer().min(50).default(2000),
  SMTP_URL: Joi.string()
    .uri({ scheme: ['smtp', 'smtps'] })
    .when('NODE_ENV', { is: 'production', then: Joi.required() }),
  MAIL_FROM: Joi.string().default('Conduit <no-reply@conduit.local>'),
  MAIL_LOG_BODIES: Joi.boolean()
    .default(false)
    .when('NODE_ENV', { is: 'production', then: Joi.valid(false) }),
  APP_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .default('http://localhost:3000'),
  OIDC_ISSUER_URL: Joi.string().uri({ scheme: ['http', 'https'] }),
  OIDC_CLIENT_ID: Joi.string().when('OIDC_ISSUER_URL', { is: Joi.exist(), then: Joi.required() }),
  OIDC_CLIENT_SECRET: Joi.string().when('OIDC_ISSUER_URL', {
    is: Joi.exist(),
    then: Joi.required(),
  }),
  OIDC_REDIRECT_URI: Joi.string().uri({ scheme: ['http', 'https'] }),
  DOCS_ENABLED: Joi.boolean().when('NODE_ENV', {
    is: 'production',
    then: Joi.boolean().default(false),
    otherwise: Joi.boolean().default(true),
  }),
  METRICS_TOKEN: Joi.string().min(16).allow(''),
  CACHE_ENABLED: Joi.boolean().default(true),
  CACHE_LOCAL_MAX: Joi.number().integer().min(1).max(1_000_000).default(10_000),
  CACHE_LOCAL_TTL_MS: Joi.number().integer().min(1).max(3_600_000).default(5000),
  CACHE_SHARED_TTL_SECONDS: Joi.number().integer().min(1).max(86_400).default(600),
  GRAPHQL_INTROSPECTION: Joi.boolean().when('NODE_ENV', {
    is: 'production',
    then: Joi.boolean().default(false),
    otherwise: Joi.boolean().default(true),
  }),
  // GraphiQL's assets are a dev dependency: production has none to serve.
  GRAPHIQL_ENABLED: Joi.boolean()
    .when('NODE_ENV', {
      is: 'development',
      then: Joi.boolean().default(true),
      otherwise: Joi.boolean().default(false),
    })
    .when('NODE_ENV', { is: 'production', then: Joi.valid(false) }),
  GRAPHQL_MAX_DEPTH: Joi.number().integer().min(2).max(50).default(8),
  GRAPHQL_MAX_COST: Joi.number().integer().min(10).default(5000),

  LOG_LEVEL: Joi.string()
    .valid('error', 'warn', 'info', 'http', 'debug', 'silent')
    .when('NODE_ENV', {
      is: 'test',
      then: Joi.string().default('silent'),
      otherwise: Joi.string().default('http'), // http = access log lines too
    }),
  LOG_FORMAT: Joi.string()
    .valid('pretty', 'json')
    .when('NODE_ENV', {
      is: 'production',
      then: Joi.string().default('json'),
      otherwise: Joi.string().default('pretty'),
    }),
  LOG_FILE_ENABLED: Joi.boolean().default(false),
  LOG_DIR: Joi.string().default('logs'),
  LOG_SHIP_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .allow(''),
  LOG_SHIP_TOKEN: Joi.string().allow(''),
  LOG_SHIP_LEVEL: Joi.string().valid('error', 'warn', 'info', 'http', 'debug').default('info'),
  LOG_SHIP_BATCH_MS: Joi.number().integer().min(10).max(60_000).default(2000),
}).unknown(true); // the rest of the environment (PATH, HOME, ...) is not ours

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates an environment; throws a ConfigError naming the bad variable(s). */
export function loadConfig(env: NodeJS.ProcessEnv): Readonly<Config> {
  const { value, error } = envSchema.validate(env, { abortEarly: false, convert: true });
  if (error) {
    const problems = error.details.map((d) => d.message.replace(/"/g, '')).join('; ');
    throw new ConfigError(`Invalid environment: ${problems}`);
  }
  const fromRoot = (p: string) => path.resolve(projectRoot, p);
  const env_ = value.NODE_ENV as NodeEnv;

  return deepFreeze({
    env: env_,
    isProduction: env_ === 'production',
    port: value.PORT,
    projectRoot,
    db: {
      uri: value.MONGODB_URI,
      embeddedDataDir: fromRoot(value.EMBEDDED_DB_DIR),
      embeddedPostgresqlUrl: value.EMBEDDED_DB_POSTGRESQL_URL,
      embeddedPort: value.EMBEDDED_DB_PORT,
      ferretdbCacheDir: path.resolve(
        value.FERRETDB_CACHE_DIR ??
          path.join(
            value.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
            'conduit',
            'ferretdb',
          ),
      ),
      connectRetries: value.DB_CONNECT_RETRIES,
      serverSelectionTimeoutMs: value.DB_SERVER_SELECTION_TIMEOUT_MS,
    },
    redis: { url: value.REDIS_URL || undefined, keyPrefix: value.REDIS_KEY_PREFIX },
    session: { secret: value.SESSION_SECRET, ttlHours: value.SESSION_TTL_HOURS },
    jwt: {
      secret: value.JWT_SECRET,
      accessTokenExpiresIn: value.JWT_EXPIRES_IN,
      userTokenExpiresIn: value.USER_TOKEN_EXPIRES_IN,
      refreshTtlDays: value.REFRESH_TOKEN_TTL_DAYS,
    },
    bcryptRounds: value.BCRYPT_ROUNDS,
    http: {
      corsOrigins: (value.CORS_ORIGINS as string)
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      bodyLimit: value.BODY_LIMIT,
      trustProxyHops: value.TRUST_PROXY_HOPS,
      rateLimit: { windowMs: value.RATE_LIMIT_WINDOW_MS, max: value.RATE_LIMIT_MAX },
      authRateLimit: { windowMs: value.AUTH_RATE_LIMIT_WINDOW_MS, max: value.AUTH_RATE_LIMIT_MAX },
      loginLock: { maxFailures: value.LOGIN_MAX_FAILURES, lockMs: value.LOGIN_LOCK_MS },
      writeLimits: {
        windowMs: value.WRITE_RATE_LIMIT_WINDOW_MS,
        articles: value.ARTICLE_WRITE_MAX,
        comments: value.COMMENT_WRITE_MAX,
        messages: value.MESSAGE_WRITE_MAX,
      },
      server: {
        headersTimeoutMs: value.HTTP_HEADERS_TIMEOUT_MS,
        requestTimeoutMs: value.HTTP_REQUEST_TIMEOUT_MS,
        keepAliveTimeoutMs: value.HTTP_KEEP_ALIVE_TIMEOUT_MS,
        maxHeaderSize: value.HTTP_MAX_HEADER_SIZE,
      },
      shutdownTimeoutMs: value.SHUTDOWN_TIMEOUT_MS,
    },
    mail: { smtpUrl: value.SMTP_URL, from: value.MAIL_FROM, logBodies: value.MAIL_LOG_BODIES },
    jobs: {
      amqpUrl: value.AMQP_URL || undefined,
      prefix: value.JOB_QUEUE_PREFIX,
      prefetch: value.JOB_PREFETCH,
      maxAttempts: value.JOB_MAX_ATTEMPTS,
      retryDelaysMs: (value.JOB_RETRY_DELAYS_MS as string).split(',').map(Number),
      relayRetryMs: value.JOB_RELAY_RETRY_MS,
    },
    uploads: {
      driver: value.STORAGE_DRIVER,
      dir: fromRoot(value.UPLOADS_DIR),
      maxFileBytes: value.UPLOAD_MAX_FILE_BYTES,
      maxFiles: value.UPLOAD_MAX_FILES,
      maxAvatarBytes: value.AVATAR_MAX_BYTES,
      quotaBytes: value.UPLOAD_QUOTA_BYTES,
      importMaxLines: value.IMPORT_MAX_LINES,
      importMaxLineBytes: value.IMPORT_MAX_LINE_BYTES,
    },
    realtime: {
      eventsPerWindow: value.SOCKET_EVENTS_PER_WINDOW,
      eventWindowMs: value.SOCKET_EVENT_WINDOW_MS,
      maxEventBytes: value.SOCKET_MAX_EVENT_BYTES,
      deliveryAckTimeoutMs: value.SOCKET_DELIVERY_ACK_TIMEOUT_MS,
    },
    appUrl: value.APP_URL.replace(/\/$/, ''),
    oidc: {
      issuerUrl: value.OIDC_ISSUER_URL,
      clientId: value.OIDC_CLIENT_ID,
      clientSecret: value.OIDC_CLIENT_SECRET,
      redirectUri:
        value.OIDC_REDIRECT_URI ?? `${value.APP_URL.replace(/\/$/, '')}/api/v1/auth/oidc/callback`,
    },
    docsEnabled: value.DOCS_ENABLED,
    metrics: { token: value.METRICS_TOKEN || undefined },
    cache: {
      enabled: value.CACHE_ENABLED,
      localMax: value.CACHE_LOCAL_MAX,
      localTtlMs: value.CACHE_LOCAL_TTL_MS,
      sharedTtlSeconds: value.CACHE_SHARED_TTL_SECONDS,
    },
    graphql: {
      introspection: value.GRAPHQL_INTROSPECTION,
      graphiql: value.GRAPHIQL_ENABLED,
      maxDepth: value.GRAPHQL_MAX_DEPTH,
      maxCost: value.GRAPHQL_MAX_COST,
    },
    log: {
      level: value.LOG_LEVEL,
      format: value.LOG_FORMAT,
      fileEnabled: value.LOG_FILE_ENABLED,
      dir: fromRoot(value.LOG_DIR),
      ...(value.LOG_SHIP_URL && {
        ship: {
          url: value.LOG_SHIP_URL,
          token: value.LOG_SHIP_TOKEN || undefined,
          level: value.LOG_SHIP_LEVEL,
          batchMs: value.LOG_SHIP_BATCH_MS,
        },
      }),
    },
  });
}

function deepFreeze<T extends object>(obj: T): T {
  for (const v of Object.values(obj)) {
    if (v && typeof v === 'object' && !Object.isFrozen(v)) deepFreeze(v);
  }
  return Object.freeze(obj);
}

function loadOrExit(): Readonly<Config> {
  // Tests must not pick up a developer's .env (it could point them at a real database).
  // Variables already in the environment win over the file's (dotenv never overrides).
  if (process.env.NODE_ENV !== 'test') {
    dotenv.config({ path: process.env.ENV_FILE ?? path.join(projectRoot, '.env'), quiet: true });
  }
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The logger is built from config, so it cannot report this; one plain line does.
    console.error(err.message);
    process.exit(1);
  }
}

export const config = loadOrExit();
