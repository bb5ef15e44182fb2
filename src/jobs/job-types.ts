/**
 * The jobs the API hands to the worker: names and payloads. Payloads carry ids, never
 * secrets: the worker issues the emailed tokens itself, so no link rests in the outbox
 * or the broker.
 */
interface JobPayloads {
  'email.verification': { userId: string };
  'email.password-reset': { userId: string };
  'image.thumbnail': { fileId: string };
}

export type JobName = keyof JobPayloads;

export const JOB_NAMES: readonly JobName[] = [
  'email.verification',
  'email.password-reset',
  'image.thumbnail',
];

/** What services use to hand work off: the job is stored before `enqueue` resolves. */
export interface JobQueue {
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void>;
}

export type JobHandlers = { [N in JobName]: (payload: JobPayloads[N]) => Promise<void> };

/** A stored job on its way to the broker (or to the in-process handlers). */
export interface PendingJob {
  id: string;
  name: string;
  payload: unknown;
  /** The trace context of the request that stored it: its delivery continues that trace. */
  trace?: Record<string, string>;
}
