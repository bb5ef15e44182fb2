/**
 * The process's winston logger: pretty in development, JSON in production, optional daily
 * rotated files. Every line carries the current request id, and secrets are redacted.
 * One per process: the entry point (server.ts, a script) sets it up with configureLogger.
 */
import http from 'node:http';
import https from 'node:https';
import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import { getRequestId } from './request-context';

const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key/i;
const REDACTED = '[REDACTED]';

/** Returns a copy of `value` with secret-looking keys masked, at any depth. */
export function redact(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return { name: value.name, message: value.message, stack: value.stack };
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, seen));
  // Keys may come from a client (a logged body): entries, never `out[k] =` on a plain
  // object, where a key `__proto__` would replace the copy's prototype.
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redact(v, seen)]),
  );
}

const addRequestId = winston.format((info) => {
  const requestId = getRequestId();
  if (requestId && !info.requestId) info.requestId = requestId;
  return info;
});

// winston keeps its level/message under symbols; redact only the user-supplied fields.
const redactSecrets = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (key === 'level' || key === 'message') continue;
    info[key] = SECRET_KEY.test(key) ? REDACTED : redact(info[key]);
  }
  return info;
});

// Applied to every line before any transport sees it.
const enrich = winston.format.combine(
  winston.format.errors({ stack: true }),
  winston.format.timestamp(),
  addRequestId(),
  redactSecrets(),
);

const pretty = winston.format.combine(
  winston.format.colorize(),
  winston.format.printf(({ timestamp, level, message, requestId, ...meta }) => {
    const rid = requestId ? ` [${String(requestId)}]` : '';
    const rest = Object.keys(meta).length ? ` ${JSON.stringify(meta)}` : '';
    return `${String(timestamp)} ${level}${rid}: ${String(message)}${rest}`;
  }),
);

const json = winston.format.json();

export interface LogOptions {
  level: string;
  format: 'pretty' | 'json';
  fileEnabled: boolean;
  dir: string;
  /** Also send lines, in JSON batches, to an HTTP log collector. */
  ship?: { url: string; token?: string; level: string; batchMs: number };
}

/**
 * winston's own Http transport: JSON batches POSTed to any HTTP log collector (Vector,
 * Fluent Bit, Logstash, Better Stack...). Fire and forget: a collector that is down or
 * slow never delays a request; its failures go to stderr, once per outage.
 */
function shipping({ url, token, level, batchMs }: NonNullable<LogOptions['ship']>) {
  const target = new URL(url);
  const transport = new winston.transports.Http({
    level,
    ssl: target.protocol === 'https:',
    host: target.hostname,
    port: Number(target.port) || undefined,
    path: `${target.pathname}${target.search}`,
    ...(token && { auth: { bearer: token } }),
    batch: true,
    batchInterval: batchMs,
    batchCount: 100,
    // A few connections at most: a hanging collector queues lines, not sockets.
    agent: new (target.protocol === 'https:' ? https : http).Agent({
      keepAlive: true,
      maxSockets: 4,
    }),
    format: json,
  });
  let failing = false;
  transport.on('warn', (err: Error) => {
    if (!failing) process.stderr.write(`log shipping to ${target.host} failed: ${err.message}\n`);
    failing = true;
  });
  transport.on('logged', () => {
    if (failing) process.stderr.write(`log shipping to ${target.host} works again\n`);
    failing = false;
  });
  return transport;
}

function buildTransports(options: LogOptions): winston.transport[] {
  const transports: winston.transport[] = [
    new winston.transports.Console({ format: options.format === 'json' ? json : pretty }),
  ];
  if (options.ship) transports.push(shipping(options.ship));
  if (options.fileEnabled) {
    transports.push(
      new DailyRotateFile({
        dirname: options.dir,
        filename: 'app-%DATE%.log',
        datePattern: 'YYYY-MM-DD',
        maxFiles: '14d',
        zippedArchive: true,
        format: json,
      }),
    );
  }
  return transports;
}

// Until configured: info and above, pretty, to the console.
export const logger = winston.createLogger({
  level: 'info',
  format: enrich,
  transports: [new winston.transports.Console({ format: pretty })],
});

/** Sets level, format and files from the config (`silent` mutes everything). */
export function configureLogger(options: LogOptions): void {
  logger.configure({
    level: options.level === 'silent' ? 'error' : options.level,
    silent: options.level === 'silent',
    format: enrich,
    transports: buildTransports(options),
  });
}

/** Ends the logger and waits (at most `timeoutMs`) for file transports to write everything. */
export function flushLogs(timeoutMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const pending = logger.transports.map(
      (transport) => new Promise<void>((done) => transport.once('finish', () => done())),
    );
    Promise.all(pending).then(() => {
      clearTimeout(timer);
      resolve();
    });
    logger.end();
  });
}
