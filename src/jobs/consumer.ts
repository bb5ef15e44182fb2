/**
 * The worker's side of the queue: manual acks, a prefetch window, idempotency by message
 * id, retries with backoff through the TTL retry queues, and the dead-letter queue after
 * `maxAttempts` (or at once for a message nobody can read). A message is acknowledged
 * only after its outcome — done, or republished for later — is safe with the broker, so a
 * worker killed mid-job loses nothing: RabbitMQ redelivers the unacknowledged message.
 */
import type { Channel, ConsumeMessage } from 'amqplib';
import { ProcessedJob } from '../models';
import { logger } from '../utils/logger';
import { isDuplicateKeyError } from '../utils/mongo';
import type { Broker } from './broker';
import { JOB_NAMES, type JobHandlers, type JobName } from './job-types';

export interface ConsumerSettings {
  prefetch: number;
  maxAttempts: number;
}

/** A message that no retry can fix. */
class PoisonMessage extends Error {}

function readJob(message: ConsumeMessage) {
  const { messageId, type } = message.properties as { messageId?: string; type?: string };
  if (!messageId || !type || !JOB_NAMES.includes(type as JobName))
    throw new PoisonMessage(`unknown job "${String(type)}" or no message id`);
  try {
    return {
      id: messageId,
      name: type as JobName,
      payload: JSON.parse(message.content.toString('utf8')),
    };
  } catch {
    throw new PoisonMessage('the body is not JSON');
  }
}

export function createConsumer(broker: Broker, settings: ConsumerSettings, handlers: JobHandlers) {
  const { names } = broker;
  const inFlight = new Set<Promise<void>>();
  let channel: Channel | undefined;
  let consumerTag: string | undefined;

  /** Republishes the message to `queue` (a retry tier or the dead-letter queue), confirmed. */
  const moveTo = (queue: string, message: ConsumeMessage, headers: Record<string, unknown>) =>
    broker.publish('', queue, message.content, {
      ...message.properties,
      headers: { ...message.properties.headers, ...headers },
    });

  async function settle(message: ConsumeMessage, err: Error) {
    const attempts = Number(message.properties.headers?.['x-attempts'] ?? 0) + 1;
    const reason = { 'x-attempts': attempts, 'x-last-error': err.message.slice(0, 500) };
    const job = { type: message.properties.type, id: message.properties.messageId, attempts };
    if (err instanceof PoisonMessage || attempts >= settings.maxAttempts) {
      await moveTo(names.dead, message, reason);
      logger.error('job dead-lettered', { ...job, error: err.message });
    } else {
      const tier = names.retry[Math.min(attempts, names.retry.length) - 1];
      await moveTo(tier.queue, message, reason);
      logger.warn('job failed: retrying', { ...job, delayMs: tier.ms, error: err.message });
    }
  }

  async function handle(ch: Channel, message: ConsumeMessage) {
    try {
      const job = readJob(message);
      if (await ProcessedJob.exists({ _id: job.id })) {
        logger.info('job already done: acknowledged again', { type: job.name, id: job.id });
      } else {
        const handler = handlers[job.name] as (payload: unknown) => Promise<void>;
        await handler(job.payload);
        await ProcessedJob.create({ _id: job.id, name: job.name }).catch((err: unknown) => {
          if (!isDuplicateKeyError(err)) throw err;
        });
        logger.info('job done', { type: job.name, id: job.id });
      }
    } catch (err) {
      try {
        await settle(message, err as Error);
      } catch (moveErr) {
        // Not moved: leave it unacknowledged; the broker redelivers it.
        logger.warn('job outcome not stored: left for redelivery', {
          error: (moveErr as Error).message,
        });
        ch.nack(message, false, true);
        return;
      }
    }
    ch.ack(message);
  }

  /** One of the broker's on-connect steps: (re)starts consuming on a fresh channel. */
  async function consume(model: { createChannel(): Promise<Channel> }) {
    const ch = await model.createChannel();
    ch.on('error', (err: Error) => logger.warn('consumer channel error', { error: err.message }));
    await ch.prefetch(settings.prefetch);
    const { consumerTag: tag } = await ch.consume(names.queue, (message) => {
      if (!message) return; // the broker cancelled the consumer (queue deleted)
      const run = handle(ch, message)
        .catch((err: Error) => {
          logger.error('job handling failed', { error: err.message });
        })
        .finally(() => inFlight.delete(run));
      inFlight.add(run);
    });
    channel = ch;
    consumerTag = tag;
    logger.info('worker consuming', { queue: names.queue, prefetch: settings.prefetch });
  }

  return {
    consume,
    /** Stops taking messages and waits for the ones in hand (graceful shutdown). */
    async stop() {
      if (channel && consumerTag) await channel.cancel(consumerTag).catch(() => undefined);
      await Promise.all(inFlight);
    },
    /** Resolves once no message is being handled (tests). */
    async idle() {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}

export type Consumer = ReturnType<typeof createConsumer>;
