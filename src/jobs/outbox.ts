/**
 * The transactional outbox: `enqueue` writes the job to the database in the request, so
 * the API can answer while the broker is down; the relay then moves it on.
 */
import { EventEmitter } from 'node:events';
import { OutboxJob } from '../models';
import { traceHeaders } from '../tracing/spans';
import type { JobQueue, PendingJob } from './job-types';

export function createOutbox() {
  const emitter = new EventEmitter();
  const queue: JobQueue = {
    async enqueue(name, payload) {
      const trace = traceHeaders(); // empty while tracing is off
      await OutboxJob.create({ name, payload, ...(Object.keys(trace).length > 0 && { trace }) });
      emitter.emit('enqueued');
    },
  };
  return {
    ...queue,
    /** Oldest first. */
    async pending(limit: number): Promise<PendingJob[]> {
      const jobs = await OutboxJob.find().sort({ _id: 1 }).limit(limit).lean();
      return jobs.map((j) => ({
        id: j._id.toString(),
        name: j.name,
        payload: j.payload,
        trace: j.trace as Record<string, string> | undefined,
      }));
    },
    async remove(id: string): Promise<void> {
      await OutboxJob.deleteOne({ _id: id });
    },
    /** Takes the job out for this process alone: false when another one took it first. */
    async claim(id: string): Promise<boolean> {
      return (await OutboxJob.deleteOne({ _id: id })).deletedCount === 1;
    },
    onEnqueued(listener: () => void): void {
      emitter.on('enqueued', listener);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
