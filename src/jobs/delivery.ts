/**
 * Where the relay delivers a job: to the broker (at least once: the worker deduplicates),
 * or — with no AMQP_URL, in development and tests — straight to the handlers in this
 * process (at most once: claimed, run, a failure logged and not retried).
 */
import { logger } from '../utils/logger';
import type { Broker } from './broker';
import type { JobHandlers, JobName, PendingJob } from './job-types';
import type { Outbox } from './outbox';
import { ROUTING_KEY } from './topology';

export function deliverToBroker(broker: Broker) {
  return (job: PendingJob) =>
    broker.publish(broker.names.exchange, ROUTING_KEY, Buffer.from(JSON.stringify(job.payload)), {
      messageId: job.id,
      type: job.name,
      contentType: 'application/json',
      timestamp: Math.floor(Date.now() / 1000),
      headers: { 'x-attempts': 0 },
    });
}

export function deliverInProcess(handlers: JobHandlers, outbox: Outbox) {
  logger.info('AMQP_URL is not set: jobs run in this process, without retries');
  return async (job: PendingJob) => {
    // Claimed first: of several instances draining one outbox, one runs each job.
    if (!(await outbox.claim(job.id))) return;
    const handler = handlers[job.name as JobName] as
      ((payload: unknown) => Promise<void>) | undefined;
    try {
      if (!handler) throw new Error(`no handler for job "${job.name}"`);
      await handler(job.payload);
    } catch (err) {
      logger.error('job failed in process', { job: job.name, id: job.id, error: err });
    }
  };
}
