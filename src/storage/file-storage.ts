/**
 * Where uploaded bytes live, behind one interface: local disk or MongoDB GridFS, chosen by
 * STORAGE_DRIVER. Ids are generated ObjectIds — no name or path from a client ever
 * reaches the storage.
 */
import type { Readable } from 'node:stream';

/** Inclusive byte positions, as in an HTTP Range. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface FileStorage {
  readonly driver: 'disk' | 'gridfs';
  /** Stores `source` under `id`. If the source fails, nothing of it is left behind. */
  write(id: string, source: Readable): Promise<void>;
  /** The stored bytes, or a range of them; destroying the stream releases what it holds. */
  read(id: string, range?: ByteRange): Readable;
  remove(id: string): Promise<void>;
  /** Everything stored, complete or not: tests look for leftovers after failures. */
  list(): Promise<string[]>;
}

/** A stored id is a 24-hex-digit ObjectId string, and nothing else. */
export function assertStorageId(id: string): string {
  if (!/^[0-9a-f]{24}$/.test(id)) throw new Error(`not a storage id: ${JSON.stringify(id)}`);
  return id;
}
