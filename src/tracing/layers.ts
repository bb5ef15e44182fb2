/**
 * What createApp and the worker wrap when tracing is on, one function per layer; with
 * tracing off none of this runs and the layers are the plain objects.
 */
import type { Cache } from '../cache/cache';
import type { EventBus } from '../events/event-bus';
import type { JobHandlers } from '../jobs/job-types';
import type { Outbox } from '../jobs/outbox';
import type { Services } from '../services';
import { inSpan, traced } from './spans';

/** `articles.favorite`, `reads.page`, `credentials.verify`… */
export const tracedServices = (services: Services): Services =>
  Object.fromEntries(
    Object.entries(services).map(([name, service]) => [name, traced(name, service)]),
  ) as Services;

/** `cache.read`, `cache.readMany`, `index.page`…: hits and misses show as `cache.hit`. */
export const tracedCache = (cache: Cache): Cache => ({
  ...cache,
  values: traced('cache', cache.values),
  index: traced('index', cache.index),
});

/** `event article.favorited`: what a write published, and the upkeep it waited for. */
export const tracedEvents = (events: EventBus): EventBus => ({
  ...events,
  publish: (name, payload) => inSpan(`event ${name}`, () => events.publish(name, payload)),
});

/** `outbox.enqueue email.verify`: the job stored with the request's trace context. */
export const tracedOutbox = (outbox: Outbox): Outbox => ({
  ...outbox,
  enqueue: (name, payload) => inSpan(`outbox.enqueue ${name}`, () => outbox.enqueue(name, payload)),
});

/** `job email.verify`: the handler, in the trace of the request that stored the job. */
export const tracedHandlers = (handlers: JobHandlers): JobHandlers =>
  Object.fromEntries(
    Object.entries(handlers).map(([name, handle]) => [
      name,
      (payload: never) => inSpan(`job ${name}`, () => (handle as (p: never) => unknown)(payload)),
    ]),
  ) as JobHandlers;
