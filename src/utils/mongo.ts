/** Small helpers for MongoDB errors and ids. */
import { isValidObjectId } from 'mongoose';

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
