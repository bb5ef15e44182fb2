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
}

export async function detectCapabilities(
  connection: mongoose.Connection,
): Promise<DatabaseCapabilities> {
  const admin = connection.db!.admin();
  // FerretDB answers buildInfo with a `ferretdbVersion` field; MongoDB does not.
  const buildInfo = await admin.command({ buildInfo: 1 });
  if ('ferretdbVersion' in buildInfo) {
    return { engine: 'ferretdb', ttlIndexes: false, transactions: false };
  }
  const hello = await admin.command({ hello: 1 });
  return { engine: 'mongodb', ttlIndexes: true, transactions: Boolean(hello.setName) };
}
