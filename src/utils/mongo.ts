/** Small helpers for MongoDB errors and ids. */
import mongoose, { isValidObjectId } from 'mongoose';

/**
 * A write refused by a unique index. MongoDB says E11000 (code 11000); FerretDB v1 says so
 * for inserts, but for updates it passes SQLite's "UNIQUE constraint failed" on as code 1.
 */
export function isDuplicateKeyError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return (
    code === 11000 || (typeof message === 'string' && message.includes('UNIQUE constraint failed'))
  );
}

// Server error codes meaning "this server cannot serve now" (the retryable ones of the
// MongoDB specifications): unreachable hosts, shutdown, stepping down, not primary.
const UNAVAILABLE_CODES = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436]);

/**
 * The database could not serve the operation: unreachable, refused, dropped, shutting
 * down, or no server to select. Answered 503, not 500: the request was fine.
 */
export function isDatabaseUnavailableError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const { code } = err as { code?: unknown };
  return (
    err instanceof mongoose.mongo.MongoNetworkError ||
    err instanceof mongoose.mongo.MongoServerSelectionError ||
    err instanceof mongoose.Error.MongooseServerSelectionError ||
    (err instanceof mongoose.mongo.MongoServerError && UNAVAILABLE_CODES.has(Number(code))) ||
    // FerretDB cuts the queries still running when it shuts down with "context canceled".
    (err instanceof mongoose.mongo.MongoServerError && /context canceled/.test(err.message)) ||
    // Mongoose queued the operation while disconnected and gave up waiting.
    /buffering timed out/.test(err.message) ||
    // A write to a socket the server had just closed.
    code === 'EPIPE'
  );
}

/** True for a 24-hex-digit ObjectId string (isValidObjectId alone also accepts any 12 chars). */
export function isObjectIdString(value: string): boolean {
  return /^[0-9a-f]{24}$/i.test(value) && isValidObjectId(value);
}

/**
 * Runs `write(attempt)` again while a unique index refuses it (attempt 0, 1, ...), at most
 * `attempts` times: each attempt picks another candidate (a slug, a username).
 */
export async function retryOnDuplicate<T>(
  write: (attempt: number) => Promise<T>,
  attempts = 5,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await write(attempt);
    } catch (err) {
      if (!isDuplicateKeyError(err) || attempt + 1 >= attempts) throw err;
    }
  }
}
