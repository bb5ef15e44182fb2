/**
 * Builds the Express app (exported for Supertest and for server.ts). The middleware order
 * is the request's path: identify → secure → parse → log → limit → route → 404 → errors.
 */
import 'express-async-errors'; // rejected promises in handlers reach the error handler
import path from 'node:path';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import { config as defaultConfig, type Config } from './config';
import type { RedisClient } from './db/redis';
import { createMailer, type Mailer } from './services/mailer';
import { createErrorHandler } from './middleware/error-handler';
import { httpLogger } from './middleware/http-logger';
import { notFound } from './middleware/not-found';
import { createLimiters } from './middleware/limits';
import { createSessionMiddleware } from './middleware/session';
import { requestId } from './middleware/request-id';
import { docsRouter } from './routes/docs.routes';
import { healthRouter } from './routes/health.routes';
import { apiV1Router } from './routes';

export interface AppDependencies {
  /** Shared state for rate limits (and sessions); without it, each instance keeps its own. */
  redis?: RedisClient;
  /** Outgoing email; defaults to the one config describes (SMTP_URL, or the log). */
  mailer?: Mailer;
}

export function createApp(config: Readonly<Config> = defaultConfig, deps: AppDependencies = {}) {
  const app = express();
  const { http } = config;
  const limiters = createLimiters(config, deps.redis);
  app.locals.limiters = limiters;
  app.locals.mailer = deps.mailer ?? createMailer(config);
  app.locals.oidc = config.oidc;

  app.disable('x-powered-by');
  // A hop count, never `true`: only that many proxies may set X-Forwarded-For.
  app.set('trust proxy', http.trustProxyHops);

  app.use(requestId);
  app.use(helmet());
  app.use(
    cors({
      origin: (origin, callback) =>
        // Requests without Origin (curl, Postman, same-origin) are not CORS requests.
        callback(
          null,
          !origin || http.corsOrigins.includes('*') || http.corsOrigins.includes(origin),
        ),
      exposedHeaders: ['X-Request-Id', 'RateLimit', 'RateLimit-Policy', 'Retry-After'],
    }),
  );
  app.use(express.json({ limit: http.bodyLimit }));
  app.use(express.urlencoded({ extended: false, limit: http.bodyLimit }));
  app.use(cookieParser());
  app.use(createSessionMiddleware(config, deps.redis));
  app.use(httpLogger);

  // Probes come before the limiter: an orchestrator must never be rate limited.
  app.use('/health', healthRouter);
  app.use(limiters.global);

  app.use(
    express.static(path.join(config.projectRoot, 'public'), {
      maxAge: '1h',
      etag: true,
      index: 'index.html',
    }),
  );
  app.use('/api/v1', apiV1Router);
  if (config.docsEnabled) app.use('/docs', docsRouter);

  app.use(notFound);
  app.use(createErrorHandler({ exposeInternals: !config.isProduction }));
  return app;
}
