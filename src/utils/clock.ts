/** The time, injected: services ask a clock instead of calling Date, so tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** `ms` milliseconds after the clock's now. */
export const after = (clock: Clock, ms: number): Date => new Date(clock.now().getTime() + ms);
