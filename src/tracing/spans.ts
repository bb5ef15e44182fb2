/**
 * The app's own spans, beside the instrumentations' (src/tracing/sdk.ts): each service use
 * case (`articles.favorite`), each cache read and each job handler becomes a span, so a
 * trace reads route → handler → service → cache / database → event → outbox, the layers
 * of docs/architecture.md. Only the OpenTelemetry API is used here: with no SDK started
 * every call is a no-op, and createApp wraps nothing at all while tracing is off.
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Span,
} from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';
import { toAppError } from '../utils/translate-error';

const tracer = trace.getTracer('conduit');

/** The project's error code on a span: `NOT_FOUND`, `FORBIDDEN`… or INTERNAL_ERROR. */
function recordError(span: Span, err: unknown) {
  const code = toAppError(err)?.code ?? 'INTERNAL_ERROR';
  span.setAttribute('error.code', code);
  if (err instanceof Error) span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}

/** Runs `fn` in a span named `name`, ended when its promise settles. */
export function inSpan<T>(name: string, fn: () => T): T {
  return tracer.startActiveSpan(name, (span) => {
    try {
      const result = fn();
      if (!(result instanceof Promise)) {
        span.end();
        return result;
      }
      return result.then(
        (value: unknown) => {
          span.end();
          return value;
        },
        (err: unknown) => {
          recordError(span, err);
          span.end();
          throw err;
        },
      ) as T;
    } catch (err) {
      recordError(span, err);
      span.end();
      throw err;
    }
  });
}

const isAsyncGenerator = (fn: unknown) =>
  typeof fn === 'function' && fn.constructor.name === 'AsyncGeneratorFunction';

/**
 * `target` with each of its functions run in a span `<name>.<function>`: a service's use
 * cases, the cache's reads, the jobs' handlers. Generators are left alone (a span would
 * end before their first value).
 */
export function traced<T extends object>(name: string, target: T): T {
  return Object.fromEntries(
    Object.entries(target).map(([key, value]) => [
      key,
      typeof value === 'function' && !isAsyncGenerator(value)
        ? (...args: unknown[]) =>
            inSpan(`${name}.${key}`, () => (value as (...a: unknown[]) => unknown)(...args))
        : value,
    ]),
  ) as T;
}

/** The current trace context as W3C headers (`traceparent`), to store with a job. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}

/** Runs `fn` in the trace context `headers` carry: a job continues its request's trace. */
export const withTraceHeaders = <T>(headers: Record<string, string> | undefined, fn: () => T): T =>
  headers ? context.with(propagation.extract(ROOT_CONTEXT, headers), fn) : fn();

/** The project's error code on the request's HTTP span (set by the central error handler). */
export function markRequestError(code: string): void {
  getRPCMetadata(context.active())?.span?.setAttribute('error.code', code);
}

/** A cache lookup's outcome on the current span (`cache.local.hit`, `cache.shared.hit`). */
export function noteCacheLookup(layer: 'local' | 'shared', hit: boolean): void {
  trace.getActiveSpan()?.setAttribute(`cache.${layer}.hit`, hit);
}
