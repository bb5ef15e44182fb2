/**
 * The Mongoose connection: connect with retry and backoff, log its lifecycle, learn what
 * the database can do, create the indexes, ping it for readiness, close it on shutdown.
 * Works the same on FerretDB and on MongoDB 7.
 */
import mongoose from 'mongoose';
import { logger } from '../utils/logger';
import { detectCapabilities, type DatabaseCapabilities } from './capabilities';
import { ensureIndexes } from './indexes';

export interface ConnectOptions {
  retries: number;
  serverSelectionTimeoutMs: number;
  /** Overrides the database named in the URI (tests give each file its own). */
  dbName?: string;
}

let listenersAttached = false;

function attachLifecycleLogging(): void {
  if (listenersAttached) return;
  listenersAttached = true;
  const { connection } = mongoose;
  connection.on('connected', () => logger.info('database connected', { db: connection.name }));
  connection.on('disconnected', () => logger.info('database disconnected'));
  connection.on('reconnected', () => logger.info('database reconnected'));
  connection.on('error', (err: Error) => logger.error('database error', { error: err.message }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Connects, retrying with exponential backoff (0.5 s, 1 s, 2 s ... capped at 8 s), then
 * detects the database's capabilities and creates every model's indexes accordingly.
 */
export async function connectDatabase(
  uri: string,
  options: ConnectOptions,
): Promise<DatabaseCapabilities> {
  attachLifecycleLogging();
  for (let attempt = 0; ; attempt += 1) {
    try {
      await mongoose.connect(uri, {
        serverSelectionTimeoutMS: options.serverSelectionTimeoutMs,
        dbName: options.dbName,
        autoIndex: false, // ensureIndexes creates them, with what this database supports
        // Check the server every 2 s (the driver's default is 10 s), so an outage is seen,
        // and answered with 503s, within 2 s even when no request hits the dead connection.
        heartbeatFrequencyMS: 2000,
      });
      break;
    } catch (err) {
      if (attempt >= options.retries) throw err;
      const delay = Math.min(500 * 2 ** attempt, 8000);
      logger.warn('database connection failed, retrying', {
        attempt: attempt + 1,
        retries: options.retries,
        delayMs: delay,
        error: (err as Error).message,
      });
      await sleep(delay);
    }
  }
  const capabilities = await detectCapabilities(mongoose.connection);
  logger.info('database capabilities', { ...capabilities });
  await ensureIndexes(capabilities);
  return capabilities;
}

/** Whether the driver holds a live connection (it tracks the server going and coming back). */
export const isDatabaseConnected = (): boolean =>
  mongoose.connection.readyState === mongoose.ConnectionStates.connected;

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

/** True when the database answers a ping within `timeoutMs`. Never throws. */
export async function pingDatabase(timeoutMs: number): Promise<boolean> {
  // No readyState gate: a ping makes the driver re-check a server it saw go down, so
  // readiness recovers as soon as the database is back, not at the next heartbeat.
  const db = mongoose.connection.db;
  if (!db) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      db
        .admin()
        .ping()
        .then(
          () => true,
          () => false,
        ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
