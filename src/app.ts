/**
 * The composition root: createApp(config, deps) builds everything that depends on
 * configuration or on a connection with factories, in three steps read top to bottom —
 * createCore (events, cache, services, jobs), createRouting (auth, limits, controllers,
 * routers, documents), then the Express app itself. Nothing below reads the config object
 * beyond handing each factory its part. The middleware order is the request's path:
 * identify → secure → parse → log → limit → route → 404 → errors.
 */
import 'express-async-errors'; // rejected promises in handlers reach the error handler
import fs from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import path from 'node:path';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import express from 'express';
import { createCache } from './cache/cache';
import { subscribeUpkeep } from './cache/upkeep';
import type { Config } from './config';
import { createControllers } from './controllers';
import { createDocsController } from './controllers/docs.controller';
import { createMetricsController } from './controllers/metrics.controller';
import { isDatabaseConnected, pingDatabase } from './db/connection';
import type { RedisClient } from './db/redis';
import { buildAsyncApiDocument } from './docs/asyncapi';
import { graphqlPaths } from './docs/graphql-path';
import { buildOpenApiDocument } from './docs/openapi';
import { createEventBus, type EventBus } from './events/event-bus';
import { createGraphqlRouter } from './graphql';
import { subscribeSideEffects } from './events/subscribers';
import type { Broker } from './jobs/broker';
import { deliverInProcess, deliverToBroker } from './jobs/delivery';
import { createJobHandlers } from './jobs/handlers';
import { createOutbox } from './jobs/outbox';
import { createOutboxRelay } from './jobs/relay';
import { createMailer, type Mailer } from './mail/mailer';
import { createAuth } from './middleware/auth';
import { createErrorHandler } from './middleware/error-handler';
import { httpCaching } from './middleware/http-caching';
import { httpLogger } from './middleware/http-logger';
import { createMetrics, requireMetricsToken } from './middleware/metrics';
import { createLimiters } from './middleware/limits';
import { notFound } from './middleware/not-found';
import {
  acceptsEncoding,
  hasBody,
  hasOrigin,
  onlyWhen,
  sendsCookies,
} from './middleware/only-when';
import { requestId } from './middleware/request-id';
import { requireDatabase } from './middleware/require-database';
import { requireHost } from './middleware/require-host';
import { securityHeaders } from './middleware/security-headers';
import { createSessions } from './middleware/session';
import { createUploads } from './middleware/uploads';
import { attachRealtime } from './realtime';
import { API_V1, apiMounts, probeMounts, type Mount } from './routes';
import { docsRoutes } from './routes/docs.routes';
import { metricsRoutes } from './routes/metrics.routes';
import { indexSources } from './queries/index-sources';
import { createServices } from './services';
import { createStorage, type FileStorage } from './storage';
import { systemClock, type Clock } from './utils/clock';
import { createPublicUrl, noteForwardedOrigin } from './utils/public-url';
import {
  tracedCache,
  tracedEvents,
  tracedHandlers,
  tracedOutbox,
  tracedServices,
} from './tracing/layers';
import { noteCacheLookup } from './tracing/spans';

/** What the app is connected to; each defaults to the real thing. */
export interface AppDependencies {
  /** Shared state for rate limits and sessions; without it, each instance keeps its own. */
  redis?: RedisClient;
  /** Outgoing email; defaults to the one config describes (SMTP_URL, or the log). */
  mailer?: Mailer;
  clock?: Clock;
  events?: EventBus;
  /** Where uploaded bytes go; defaults to the driver config names (disk or GridFS). */
  storage?: FileStorage;
  /** The message broker jobs go to; without it they run in this process. */
  broker?: Broker;
  /** Whether the database is reachable; defaults to the Mongoose connection's state. */
  isDatabaseConnected?: () => boolean;
}

/**
 * The domain and what keeps it: the event bus, the cache and its upkeep, the services, the
 * outbox and its relay. With tracing on (OTEL_* set, src/instrument.ts) each layer's calls
 * become spans as well; off, the layers are the plain objects.
 */
function createCore(config: Readonly<Config>, deps: AppDependencies) {
  const tracing = config.tracing.enabled;
  const layer = <T>(wrap: (plain: T) => T, plain: T) => (tracing ? wrap(plain) : plain);
  const events = layer(tracedEvents, deps.events ?? createEventBus());
  const metrics = config.metrics.token ? createMetrics() : undefined;
  const cache = layer(
    tracedCache,
    createCache(
      { ...config.cache, keyPrefix: config.redis.keyPrefix },
      {
        redis: deps.redis,
        sources: indexSources,
        onLookup: (where, hit) => {
          metrics?.countCacheLookup(where, hit);
          if (tracing) noteCacheLookup(where, hit);
        },
      },
    ),
  );
  subscribeUpkeep(events, cache);
  const outbox = createOutbox();
  const publicUrl = createPublicUrl(config.appUrl, config.port);
  const services = layer(
    tracedServices,
    createServices(config, {
      jobs: layer(tracedOutbox, outbox),
      storage: deps.storage ?? createStorage(config.uploads),
      mailer: deps.mailer ?? createMailer(config.mail),
      clock: deps.clock ?? systemClock,
      events,
      cache,
      pingDatabase,
      publicUrl: publicUrl.base,
    }),
  );
  subscribeSideEffects(events, services);
  const relay = createOutboxRelay(
    outbox,
    deps.broker
      ? deliverToBroker(deps.broker)
      : deliverInProcess(layer(tracedHandlers, createJobHandlers(services)), outbox),
    { retryMs: config.jobs.relayRetryMs },
  );
  deps.broker?.onConnected(() => void relay.flush());
  return { events, metrics, cache, services, relay, publicUrl };
}

type Core = ReturnType<typeof createCore>;

/** What the routers need (auth, sessions, limits, controllers), the routers, the documents. */
function createRouting(config: Readonly<Config>, deps: AppDependencies, core: Core) {
  const { services, metrics } = core;
  const sessions = createSessions(
    { ...config.session, secureCookies: config.isProduction, keyPrefix: config.redis.keyPrefix },
    deps.redis,
  );
  const routeDeps = {
    auth: createAuth(services.credentials),
    sessions,
    limits: createLimiters(config.http, config.redis.keyPrefix, deps.redis),
    controllers: createControllers(services, createUploads(services, config.uploads), {
      secureCookies: config.isProduction,
      imports: {
        maxLines: config.uploads.importMaxLines,
        maxLineBytes: config.uploads.importMaxLineBytes,
      },
    }),
  };
  const metricsToken = config.metrics.token;
  const metricsMounts: Mount[] =
    metrics && metricsToken
      ? [
          {
            path: '/metrics',
            tag: 'Health',
            router: metricsRoutes(
              requireMetricsToken(metricsToken),
              createMetricsController(metrics),
            ),
          },
        ]
      : [];
  const probes = [...probeMounts(routeDeps), ...metricsMounts];
  const api = apiMounts(routeDeps);
  const graphql = createGraphqlRouter(
    { ...config.graphql, exposeInternals: !config.isProduction },
    { services, auth: routeDeps.auth, limits: routeDeps.limits },
  );
  return {
    ...routeDeps,
    probes,
    api,
    graphql,
    openApiDocument: buildOpenApiDocument([...api, ...probes], graphqlPaths),
    asyncApiDocument: buildAsyncApiDocument(),
  };
}

/** docs/ROADMAP.md, served at /docs/roadmap.md when the image carries it. */
function readRoadmap(projectRoot: string) {
  const file = path.join(projectRoot, 'docs', 'ROADMAP.md');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** The Express app: the middleware in the order a request meets it, then the routes. */
export function createApp(config: Readonly<Config>, deps: AppDependencies = {}) {
  const { http } = config;
  const core = createCore(config, deps);
  const { services, events, metrics } = core;
  const routing = createRouting(config, deps, core);
  const { sessions, limits } = routing;

  const app = express();
  const mount = (mounts: Mount[]) =>
    mounts.forEach((m) => app.use(m.path, ...(metrics ? [metrics.recordMount] : []), m.router));
  app.disable('x-powered-by');
  // A hop count, never `true`: only that many proxies may set X-Forwarded-For.
  app.set('trust proxy', http.trustProxyHops);

  app.use(requestId);
  // HTTP/1.1 requires Host; the server lets such requests through to answer in our shape.
  app.use(requireHost);
  app.use(noteForwardedOrigin);
  if (metrics) app.use(metrics.observe);
  app.use(securityHeaders());
  // Only cross-origin requests (with Origin; not curl, Postman, probes) get CORS headers;
  // API GETs vary by Origin all the same (http-caching).
  app.use(
    onlyWhen(
      hasOrigin,
      cors({
        origin: (origin, callback) =>
          callback(null, http.corsOrigins.includes('*') || http.corsOrigins.includes(origin ?? '')),
        exposedHeaders: ['X-Request-Id', 'RateLimit', 'RateLimit-Policy', 'Retry-After'],
      }),
    ),
  );
  // JSON past 1 kB leaves gzip- or brotli-compressed when the client accepts it.
  app.use(onlyWhen(acceptsEncoding, compression({ threshold: 1024 })));
  app.use(onlyWhen(hasBody, express.json({ limit: http.bodyLimit })));
  app.use(onlyWhen(hasBody, express.urlencoded({ extended: false, limit: http.bodyLimit })));
  app.use(onlyWhen(sendsCookies, cookieParser()));
  app.use(sessions.ifCookie);
  app.use(httpLogger);

  mount(routing.probes);
  app.use(limits.global);
  // Every API route needs the database: while it is down they answer 503 at once.
  const databaseUp = requireDatabase(deps.isDatabaseConnected ?? isDatabaseConnected, () =>
    pingDatabase(1000),
  );
  app.use(API_V1, databaseUp, httpCaching);
  mount(routing.api);
  app.use('/graphql', databaseUp);
  app.use(routing.graphql.router);
  if (config.docsEnabled) {
    const { openApiDocument: openApi, asyncApiDocument: asyncApi } = routing;
    const roadmap = readRoadmap(config.projectRoot);
    app.use('/docs', docsRoutes(createDocsController({ openApi, asyncApi, roadmap }), openApi));
  }

  // Static files last: an API request never costs a file-system lookup.
  app.use(
    express.static(path.join(config.projectRoot, 'public'), {
      maxAge: '1h',
      etag: true,
      index: 'index.html',
    }),
  );
  app.use(notFound);
  app.use(createErrorHandler({ exposeInternals: !config.isProduction }));

  /** Socket.IO on the server that serves this app (server.ts, tests). */
  const attachRealtimeTo = (server: HttpServer) =>
    attachRealtime(
      server,
      { ...config.realtime, corsOrigins: http.corsOrigins, keyPrefix: config.redis.keyPrefix },
      { services, events, sessions, redis: deps.redis },
    );
  // Typed handles for the entry points and tests: the domain's services, the API's document.
  return Object.assign(app, {
    services,
    events,
    openApiDocument: routing.openApiDocument,
    asyncApiDocument: routing.asyncApiDocument,
    graphqlSchema: routing.graphql.schema,
    /** Flush on start-up (jobs left by a previous run), stop on shutdown. */
    jobRelay: core.relay,
    cache: core.cache,
    attachRealtime: attachRealtimeTo,
    /** Links follow the port the server listens on (server.ts tells it) unless APP_URL is set. */
    publicUrl: core.publicUrl,
  });
}

export type ConduitApp = ReturnType<typeof createApp>;
