/**
 * The in-process domain event bus, on Node's EventEmitter. Services publish what happened;
 * side effects (emails now; notifications, live pushes and cache invalidation later)
 * subscribe, so adding a side effect never edits a service. A subscriber that throws or
 * rejects is logged and never breaks the request that published the event.
 */
import { EventEmitter } from 'node:events';
import { logger } from '../utils/logger';
import type { DomainEvents } from './domain-events';

type EventName = keyof DomainEvents;
type Subscriber<K extends EventName> = (payload: DomainEvents[K]) => void | Promise<void>;

export interface EventBus {
  publish<K extends EventName>(name: K, payload: DomainEvents[K]): void;
  /** Returns the function that unsubscribes. */
  subscribe<K extends EventName>(name: K, subscriber: Subscriber<K>): () => void;
  /** Resolves once every subscriber still running has finished (graceful shutdown, tests). */
  settled(): Promise<void>;
}

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(50);
  const running = new Set<Promise<void>>();

  const report = (name: string) => (err: unknown) => {
    logger.error('event subscriber failed', { event: name, error: err });
  };

  return {
    publish(name, payload) {
      emitter.emit(name, payload);
    },
    subscribe(name, subscriber) {
      const listener = (payload: DomainEvents[typeof name]) => {
        // The subscriber runs after the publisher's current step: a slow one never delays it.
        const run = Promise.resolve()
          .then(() => subscriber(payload))
          .catch(report(name))
          .finally(() => running.delete(run));
        running.add(run);
      };
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
    async settled() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}
