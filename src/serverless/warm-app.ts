/**
 * The app as a serverless function instance holds it: built on the cold start, its
 * database opened by the first invocation and reused by every warm one (a new connection
 * per invocation would exhaust the database). A failed open is retried by the next
 * invocation; meanwhile the app answers 503 like a server whose database is down.
 */
import { createApp } from '../app';
import type { Config } from '../config';
import { openDatabase, type OpenDatabase } from '../db';
import { createRedisClient } from '../db/redis';
import { logger } from '../utils/logger';

export interface WarmAppDeps {
  /** Opens the database; the tests count its calls. */
  openDatabase?: (settings: Config['db']) => Promise<OpenDatabase>;
}

export function warmApp(config: Readonly<Config>, deps: WarmAppDeps = {}) {
  const open = deps.openDatabase ?? openDatabase;
  const redis = config.redis.url ? createRedisClient(config.redis.url) : undefined;
  const app = createApp(config, { redis });
  let database: Promise<OpenDatabase> | undefined;

  /** Resolves once the database is open (at once when warm); never rejects. */
  async function ready(): Promise<void> {
    database ??= open(config.db).catch((err: Error) => {
      database = undefined; // the next invocation tries again
      throw err;
    });
    await database.catch((err: Error) =>
      logger.error('database not reachable: answering 503', { error: err.message }),
    );
  }

  /**
   * Waits for what the request set off: event subscribers, and jobs run in this process.
   * A function instance may be frozen once the handler returns.
   */
  async function settled(): Promise<void> {
    await app.events.settled();
    await app.jobRelay.flush();
  }

  return { app, ready, settled };
}
