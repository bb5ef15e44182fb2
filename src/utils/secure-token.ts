/** Random secrets handed to clients, and the one-way hashes we store instead of them. */
import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe (43 characters). */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a token: its SHA-256, so a leaked table grants nothing. */
export const sha256 = (token: string | Buffer): string =>
  createHash('sha256').update(token).digest('hex');
