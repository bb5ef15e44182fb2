/**
 * The worker: a second process (`npm run worker`) that takes jobs from RabbitMQ and does
 * them with the same services as the API — today the account emails. It needs AMQP_URL
 * and the API's database (MONGODB_URI). It reconnects to the broker and the database by
 * itself; SIGTERM stops taking jobs, finishes the ones in hand, then exits.
 */
import { tracing } from './instrument'; // first: tracing patches what the worker loads next
import { createCache } from './cache/cache';
import { indexSources } from './queries/index-sources';
import { config } from './config';
import { openDatabase, type OpenDatabase } from './db';
import { pingDatabase } from './db/connection';
import { createEventBus } from './events/event-bus';
import { connectBroker, type Broker } from './jobs/broker';
import { createConsumer, type Consumer } from './jobs/consumer';
import { createJobHandlers } from './jobs/handlers';
import { createOutbox } from './jobs/outbox';
import { createMailer } from './mail/mailer';
import { ProcessedJob } from './models';
import { createServices } from './services';
import { createStorage } from './storage';
import { systemClock } from './utils/clock';
import { shutdownOnSignals } from './utils/graceful-shutdown';
import { configureLogger, flushLogs, logger } from './utils/logger';
import { createPublicUrl } from './utils/public-url';
import { tracedHandlers } from './tracing/layers';

const HOUR_MS = 60 * 60 * 1000;
const PROCESSED_KEPT_MS = 7 * 24 * HOUR_MS;

let database: OpenDatabase | undefined;
let broker: Broker | undefined;
let consumer: Consumer | undefined;
let stopping = false;

async function start() {
  const { amqpUrl } = config.jobs;
  if (!amqpUrl) throw new Error('AMQP_URL is required: the worker takes its jobs from RabbitMQ');
  if (!config.db.uri)
    throw new Error("MONGODB_URI is required: the worker works on the API's database");
  database = await openDatabase(config.db);
  const services = createServices(config, {
    storage: createStorage(config.uploads),
    mailer: createMailer(config.mail),
    // Jobs a handler queues wait in the outbox for an API instance's relay.
    jobs: createOutbox(),
    clock: systemClock,
    events: createEventBus(),
    // The worker serves no requests: links follow APP_URL, else this host's API port.
    publicUrl: createPublicUrl(config.appUrl, config.port).base,
    // Jobs change no cached value (files are not cached): the worker reads the database.
    cache: createCache(
      { ...config.cache, enabled: false, keyPrefix: config.redis.keyPrefix },
      { sources: indexSources },
    ),
    pingDatabase,
  });
  broker = connectBroker(amqpUrl, config.jobs, {
    onConnect: (model) => consumer!.consume(model),
  });
  const handlers = createJobHandlers(services);
  // Each job a span, in the trace of the request that stored it (amqplib carries it).
  consumer = createConsumer(broker, config.jobs, tracing ? tracedHandlers(handlers) : handlers);

  const sweep = () =>
    ProcessedJob.deleteMany({
      processedAt: { $lt: new Date(Date.now() - PROCESSED_KEPT_MS) },
    }).catch((err: Error) => logger.warn('processed-job sweep failed', { error: err.message }));
  setInterval(sweep, HOUR_MS).unref();
  logger.info('worker started', { prefix: config.jobs.prefix });
}

async function shutdown(reason: string, exitCode: number) {
  if (stopping) return;
  stopping = true;
  logger.info('worker shutting down', { reason });
  setTimeout(() => process.exit(exitCode || 1), config.http.shutdownTimeoutMs + 5000).unref();
  let code = exitCode;
  try {
    await consumer?.stop();
    await broker?.close();
    await database?.close();
    await tracing?.shutdown(); // the last spans are sent, not lost
  } catch (err) {
    logger.error('error during worker shutdown', { error: err });
    code = 1;
  }
  await flushLogs();
  process.exit(code);
}

configureLogger(config.log);
shutdownOnSignals(shutdown);

start().catch((err: Error) => {
  logger.error(`worker startup failed: ${err.message}`);
  void shutdown('startup failure', 1);
});
