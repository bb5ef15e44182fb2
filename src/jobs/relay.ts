/**
 * Moves jobs from the outbox to where they run: the broker (publisher confirms) or, with
 * no broker configured, the in-process handlers. A job leaves the outbox only after it
 * was delivered. When delivery fails (broker or database down) the relay logs once, keeps
 * the jobs, and tries again every `retryMs` until it gets through.
 */
import { logger } from '../utils/logger';
import { withTraceHeaders } from '../tracing/spans';
import type { PendingJob } from './job-types';
import type { Outbox } from './outbox';

const BATCH = 50;

export function createOutboxRelay(
  outbox: Outbox,
  deliver: (job: PendingJob) => Promise<void>,
  { retryMs }: { retryMs: number },
) {
  let running: Promise<void> | undefined;
  let again = false;
  let stalled = false;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;

  async function drainOutbox() {
    for (;;) {
      const jobs = await outbox.pending(BATCH);
      if (jobs.length === 0) return;
      for (const job of jobs) {
        // In the request's trace: the broker message (or the handler) continues it.
        await withTraceHeaders(job.trace, () => deliver(job));
        await outbox.remove(job.id);
      }
    }
  }

  async function pass(): Promise<void> {
    try {
      do {
        again = false;
        await drainOutbox();
      } while (again);
      if (stalled) logger.info('job relay resumed: outbox delivered');
      stalled = false;
    } catch (err) {
      if (!stalled)
        logger.warn('job relay stalled: jobs kept in the outbox', {
          error: (err as Error).message,
        });
      stalled = true;
      clearTimeout(retry);
      retry = setTimeout(() => void flush(), retryMs).unref();
    } finally {
      // In the same step as the last `again` check: a kick from now on starts a new pass.
      running = undefined;
    }
  }

  /** One pass at a time; a kick during a pass makes it go round once more. */
  function flush(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = pass();
    return running;
  }

  outbox.onEnqueued(() => void flush());
  return {
    /** Delivers what is pending now (on start-up, after the broker reconnects). */
    flush,
    /** Stops retrying and waits for the pass in progress (graceful shutdown). */
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await running;
    },
  };
}
