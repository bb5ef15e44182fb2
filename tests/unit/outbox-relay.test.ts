/**
 * The outbox relay over an outbox in memory: a job enqueued just as a pass is finishing is
 * still delivered by its kick (an earlier relay lost that kick: the job waited for the next
 * enqueue), and a failed delivery keeps the job for the retry.
 */
import { EventEmitter } from 'node:events';
import type { PendingJob } from '../../src/jobs/job-types';
import type { Outbox } from '../../src/jobs/outbox';
import { createOutboxRelay } from '../../src/jobs/relay';

function memoryOutbox() {
  const jobs: PendingJob[] = [];
  const emitter = new EventEmitter();
  let sequence = 0;
  const outbox = {
    async enqueue(name: string, payload: unknown) {
      await Promise.resolve(); // the insert
      jobs.push({ id: String((sequence += 1)), name, payload });
      emitter.emit('enqueued');
    },
    pending: async (limit: number) => jobs.slice(0, limit),
    async remove(id: string) {
      const at = jobs.findIndex((j) => j.id === id);
      if (at >= 0) jobs.splice(at, 1);
    },
    claim: async () => true,
    onEnqueued: (listener: () => void) => void emitter.on('enqueued', listener),
  };
  return { outbox: outbox as unknown as Outbox, jobs };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createOutboxRelay', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8])(
    'delivers a job enqueued %i microtasks after the pass found the outbox empty',
    async (delay) => {
      const { outbox, jobs } = memoryOutbox();
      const pending = outbox.pending.bind(outbox);
      let calls = 0;
      // The pass's second look finds nothing; a job is inserted just then.
      outbox.pending = async (limit: number) => {
        calls += 1;
        const found = await pending(limit);
        if (calls === 2)
          void (async () => {
            for (let i = 0; i < delay; i += 1) await Promise.resolve();
            await outbox.enqueue('email.verification', { userId: 'late' });
          })();
        return found;
      };
      const delivered: string[] = [];
      createOutboxRelay(outbox, async (job) => void delivered.push(job.id), { retryMs: 60_000 });
      await outbox.enqueue('email.verification', { userId: 'first' });
      await tick(20);
      expect(delivered).toEqual(['1', '2']);
      expect(jobs).toEqual([]);
    },
  );

  it('keeps a job whose delivery failed, and delivers it on the retry', async () => {
    const { outbox, jobs } = memoryOutbox();
    let up = false;
    const relay = createOutboxRelay(
      outbox,
      async () => {
        if (!up) throw new Error('broker down');
      },
      { retryMs: 20 },
    );
    await outbox.enqueue('email.verification', { userId: 'u1' });
    await relay.flush();
    expect(jobs).toHaveLength(1);
    up = true;
    for (let i = 0; i < 100 && jobs.length > 0; i += 1) await tick(5);
    expect(jobs).toEqual([]);
    await relay.stop();
  });
});
