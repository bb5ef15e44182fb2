/**
 * Prometheus metrics (prom-client), one registry per app: request durations per route
 * template and status, database commands, cache hits and misses per layer, and Node's own (event-loop delay, heap, RSS,
 * GC). Served at GET /metrics to a scraper holding METRICS_TOKEN; off without one.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import client from 'prom-client';
import { onDatabaseCommand } from '../db/connection';
import { UnauthorizedError } from '../utils/errors';

/** Requests matched by no route (static files, 404s) share one label: no label per URL. */
const NO_ROUTE = '(no route)';

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requestDuration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const databaseCommands = new client.Histogram({
    name: 'db_command_duration_seconds',
    help: 'Database commands by name and outcome',
    labelNames: ['command', 'outcome'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const cacheLookups = new client.Counter({
    name: 'cache_lookups_total',
    help: 'Read-cache lookups by layer (local LRU, shared Redis) and result',
    labelNames: ['layer', 'result'],
    registers: [registry],
  });
  /** Counts one cache lookup (the cache's onLookup hook). */
  const countCacheLookup = (layer: string, hit: boolean) =>
    cacheLookups.inc({ layer, result: hit ? 'hit' : 'miss' });
  onDatabaseCommand(({ name, ok, durationMs }) =>
    databaseCommands.observe({ command: name, outcome: ok ? 'ok' : 'error' }, durationMs / 1000),
  );

  /** Times every request, labelled with its route template (`recordMount` + the route). */
  const observe: RequestHandler = (req, res, next) => {
    const end = requestDuration.startTimer();
    res.once('finish', () =>
      end({
        method: req.method,
        route: req.route
          ? `${req.routeBase ?? ''}${String(req.route.path)}`.replace(/(.)\/$/, '$1')
          : NO_ROUTE,
        status_code: String(res.statusCode),
      }),
    );
    next();
  };

  /**
   * In front of each mounted router: notes where it is mounted. Express forgets that
   * (`req.baseUrl`) when an error leaves the router; `req.route` it keeps.
   */
  const recordMount: RequestHandler = (req, _res, next) => {
    req.routeBase = req.baseUrl;
    next();
  };

  return { registry, observe, recordMount, countCacheLookup };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** 401 unless the request carries `Authorization: Bearer <token>`. */
export function requireMetricsToken(token: string): RequestHandler {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req, _res, next) => {
    const sent = Buffer.from(req.get('Authorization') ?? '');
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected))
      throw new UnauthorizedError('must be "Bearer <METRICS_TOKEN>"', 'authorization');
    next();
  };
}
