/**
 * Starts the API: database (MONGODB_URI, or the embedded FerretDB outside production),
 * HTTP server, and a graceful shutdown on SIGTERM/SIGINT or a fatal error. With
 * scripts/, the only reader of the config object.
 */
import { tracing } from './instrument'; // first: tracing patches what the app loads next
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type ConduitApp } from './app';
import { config } from './config';
import { openDatabase, type OpenDatabase } from './db';
import { createHttpServer } from './http-server';
import type { RealtimeGateway } from './realtime';
import { closeRedisClient, createRedisClient, waitForRedis, type RedisClient } from './db/redis';
import { connectBroker, type Broker } from './jobs/broker';
import { drainable, shutdownOnSignals } from './utils/graceful-shutdown';
import { configureLogger, flushLogs, logger } from './utils/logger';

const HOUR_MS = 60 * 60 * 1000;

let server: Server | undefined;
let drain: ReturnType<typeof drainable>['drain'] | undefined;
let app: ConduitApp | undefined;
let database: OpenDatabase | undefined;
let redis: RedisClient | undefined;
let realtime: RealtimeGateway | undefined;
let broker: Broker | undefined;
let shuttingDown = false;

async function start(): Promise<void> {
  database = await openDatabase(config.db, {
    onEmbeddedDatabaseLost: () => void shutdown('embedded database lost', 1),
  });
  if (config.redis.url) {
    redis = createRedisClient(config.redis.url);
    // Not fatal: limits fall back to memory until Redis answers.
    if (!(await waitForRedis(redis, 5000)))
      logger.warn('redis not reachable yet; starting without it');
  } else logger.warn('REDIS_URL is not set: rate limits are per instance (memory)');
  if (config.jobs.amqpUrl) broker = connectBroker(config.jobs.amqpUrl, config.jobs);
  if (shuttingDown) return;

  app = createApp(config, { redis, broker });
  void app.jobRelay.flush(); // jobs stored by a previous run
  // Lists read the article index once it is loaded; start now rather than at the first read.
  void app.cache.ready().then(() => app?.cache.index.warm());
  const { refreshTokens } = app.services;
  if (!database.capabilities.ttlIndexes) {
    // No TTL indexes (FerretDB v1): delete expired tokens hourly instead.
    const sweep = () =>
      refreshTokens
        .sweepExpired()
        .then((deleted) => deleted > 0 && logger.info('expired tokens swept', { deleted }))
        .catch((err: Error) => logger.warn('expired token sweep failed', { error: err.message }));
    setInterval(sweep, HOUR_MS).unref();
  }

  server = createHttpServer(app, config.http.server);
  drain = drainable(server).drain;
  realtime = app.attachRealtime(server);
  server.listen(config.port, () => {
    const { port } = server?.address() as AddressInfo;
    app?.publicUrl.listeningOn(port);
    logger.info(`API listening on http://localhost:${port} (${config.env})`, { port });
    // PM2 (wait_ready) sends traffic, and stops the old worker on a reload, only after this.
    process.send?.('ready');
  });
  server.on('error', (err) => void shutdown(`server error: ${err.message}`, 1));
}

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info('shutting down', { reason });
  // Backstop: if closing hangs past the budget, exit anyway.
  setTimeout(() => process.exit(exitCode || 1), config.http.shutdownTimeoutMs + 5000).unref();

  let code = exitCode;
  try {
    // The drain stops listening at once; sockets then close cleanly while requests finish.
    const drained = drain?.(config.http.shutdownTimeoutMs);
    await realtime?.close();
    if (drained && (await drained).forced)
      logger.warn('shutdown timeout reached: open connections were cut');
    await app?.events.settled(); // side effects of the last requests finish first
    await app?.jobRelay.stop();
    await broker?.close();
    await database?.close();
    await closeRedisClient(redis);
    await tracing?.shutdown(); // the last spans are sent, not lost
  } catch (err) {
    logger.error('error during shutdown', { error: err });
    code = 1;
  }
  logger.info('shutdown complete', { exitCode: code });
  await flushLogs();
  process.exit(code);
}

configureLogger(config.log);
shutdownOnSignals(shutdown);

start().catch((err: Error) => {
  logger.error(`startup failed: ${err.message}`);
  void shutdown('startup failure', 1);
});
