/**
 * Tracing, started before anything it instruments is loaded: the entry points
 * (src/server.ts, src/worker.ts) import this file first, so that http, express, mongodb,
 * ioredis, amqplib and winston are patched when the app requires them. Off unless an OTLP
 * endpoint is set (src/config/tracing.ts), and then not even loaded: the SDK and its
 * instrumentations take ~0.3 s and ~28 MB to load (measured on Node 20), which a process
 * that does not trace should not pay.
 */
import path from 'node:path';
import { config } from './config';

const isWorker = path.basename(process.argv[1] ?? '').startsWith('worker');
const serviceName = config.tracing.serviceName ?? (isWorker ? 'conduit-worker' : 'conduit-api');

export const tracing = config.tracing.enabled
  ? // A require, not an import: an import would load the SDK whether tracing is on or not.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('./tracing/sdk') as typeof import('./tracing/sdk')).startTracing(serviceName)
  : undefined;
