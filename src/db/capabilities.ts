/**
 * What the connected database can do, found out once at connection. The code runs
 * unchanged on MongoDB 7 and on the embedded FerretDB v1; where FerretDB lacks a feature,
 * callers read this object instead of catching errors in feature code.
 */
import type mongoose from 'mongoose';

export interface DatabaseCapabilities {
  engine: 'mongodb' | 'ferretdb';
  /** Indexes with expireAfterSeconds: the server deletes expired documents itself. */
  ttlIndexes: boolean;
  /** Multi-document transactions (needs a replica set on MongoDB). */
  transactions: boolean;
  /**
   * Only `_id` equality is answered without reading the whole collection (FerretDB v1
   * pushes nothing else down to SQLite): several documents by id are then read one
   * `_id` lookup each, in parallel, rather than with one `$in`.
   */
  idLookupsOnly: boolean;
}

let detected: DatabaseCapabilities | undefined;

/** What the connected database can do (detected at connection; undefined before). */
export const databaseCapabilities = (): DatabaseCapabilities | undefined => detected;

export async function detectCapabilities(
  connection: mongoose.Connection,
): Promise<DatabaseCapabilities> {
  const admin = connection.db!.admin();
  // FerretDB answers buildInfo with a `ferretdbVersion` field; MongoDB does not.
  const buildInfo = await admin.command({ buildInfo: 1 });
  if ('ferretdbVersion' in buildInfo) {
    detected = { engine: 'ferretdb', ttlIndexes: false, transactions: false, idLookupsOnly: true };
  } else {
    const hello = await admin.command({ hello: 1 });
    const transactions = Boolean(hello.setName);
    detected = { engine: 'mongodb', ttlIndexes: true, transactions, idLookupsOnly: false };
  }
  return detected;
}
