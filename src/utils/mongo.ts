/** Small helpers for MongoDB errors and ids. */
import { isValidObjectId } from 'mongoose';

export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** True for a 24-hex-digit ObjectId string (isValidObjectId alone also accepts any 12 chars). */
export function isObjectIdString(value: string): boolean {
  return /^[0-9a-f]{24}$/i.test(value) && isValidObjectId(value);
}
