/**
 * Tracing, started before anything it instruments is loaded: the entry points
 * (src/server.ts, src/worker.ts) import this file first, so that http, express, mongodb,
 * ioredis, amqplib and winston are patched when the app requires them. Off (and costing
 * nothing) unless an OTLP endpoint is set: see src/config/tracing.ts.
 */
import path from 'node:path';
import { config } from './config';
import { startTracing } from './tracing/sdk';

const isWorker = path.basename(process.argv[1] ?? '').startsWith('worker');

export const tracing = config.tracing.enabled
  ? startTracing(config.tracing.serviceName ?? (isWorker ? 'conduit-worker' : 'conduit-api'))
  : undefined;
