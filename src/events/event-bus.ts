/**
 * The in-process domain event bus, on Node's EventEmitter. Services publish what happened;
 * two kinds of subscriber react:
 * - upkeep (`maintain`): keeping derived data true — the read cache (src/cache/upkeep.ts).
 *   It is part of the write: `await publish(...)` resolves once it is done, so the answer
 *   to the write comes after it, and the writer reads what they wrote.
 * - side effects (`subscribe`): emails, notifications, live pushes. They run after the
 *   publisher's step, and a slow one never delays it.
 * A subscriber of either kind that throws or rejects is logged and never breaks the
 * request that published the event.
 */
import { EventEmitter } from 'node:events';
import { logger } from '../utils/logger';
import type { DomainEvents } from './domain-events';

type EventName = keyof DomainEvents;
type Subscriber<K extends EventName> = (payload: DomainEvents[K]) => void | Promise<void>;

export interface EventBus {
  /** Runs the event's upkeep, then starts its side effects; resolves after the upkeep. */
  publish<K extends EventName>(name: K, payload: DomainEvents[K]): Promise<void>;
  /** A side effect; returns the function that unsubscribes. */
  subscribe<K extends EventName>(name: K, subscriber: Subscriber<K>): () => void;
  /** Upkeep that the publisher waits for; returns the function that unsubscribes. */
  maintain<K extends EventName>(name: K, subscriber: Subscriber<K>): () => void;
  /** Resolves once every side effect still running has finished (graceful shutdown, tests). */
  settled(): Promise<void>;
}

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(50);
  // Upkeep subscribers live on an emitter of their own, never emitted to: publish calls
  // them itself, to wait for them.
  const upkeep = new EventEmitter();
  upkeep.setMaxListeners(50);
  const running = new Set<Promise<void>>();

  const report = (name: string) => (err: unknown) => {
    logger.error('event subscriber failed', { event: name, error: err });
  };
  const attempt = (name: string, run: () => void | Promise<void>) =>
    Promise.resolve().then(run).catch(report(name));

  return {
    async publish(name, payload) {
      await Promise.all(upkeep.listeners(name).map((fn) => attempt(name, () => fn(payload))));
      emitter.emit(name, payload);
    },
    subscribe(name, subscriber) {
      const listener = (payload: DomainEvents[typeof name]) => {
        // The subscriber runs after the publisher's current step: a slow one never delays it.
        const run = attempt(name, () => subscriber(payload)).finally(() => running.delete(run));
        running.add(run);
      };
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
    maintain(name, subscriber) {
      upkeep.on(name, subscriber);
      return () => upkeep.off(name, subscriber);
    },
    async settled() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}
