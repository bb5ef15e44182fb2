import mongoose from 'mongoose';
import { databaseCapabilities } from '../../src/db/capabilities';

/** An `_id` equality filter: the one lookup the embedded database answers without a scan. */
const isIdLookup = (method: string, filter: unknown) =>
  ['findOne', 'find'].includes(method) &&
  typeof filter === 'object' &&
  filter !== null &&
  Object.keys(filter).join() === '_id' &&
  (typeof (filter as { _id: unknown })._id === 'string' ||
    (filter as { _id: unknown })._id instanceof mongoose.Types.ObjectId);

interface Operation {
  /** `collection.method` */
  name: string;
  /** Answered by `_id` (no scan on the embedded database). */
  byId: boolean;
}

/** The database operations Mongoose sends while `fn` runs. */
export async function operationsDuring(fn: () => Promise<unknown>): Promise<Operation[]> {
  const operations: Operation[] = [];
  mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
    operations.push({ name: `${collection}.${method}`, byId: isIdLookup(method, filter) });
  });
  try {
    await fn();
  } finally {
    mongoose.set('debug', false);
  }
  return operations;
}

/** Counts the database operations Mongoose sends while `fn` runs. */
export async function countOperations(fn: () => Promise<unknown>): Promise<number> {
  return (await operationsDuring(fn)).length;
}

/**
 * What "the same number of queries whatever the number of items" (no N+1) means on the
 * database in use: on MongoDB, every operation; on the embedded FerretDB, where documents by
 * id are read one `_id` lookup each (src/db/capabilities.ts), every operation but those.
 */
export async function countBatchedOperations(fn: () => Promise<unknown>): Promise<number> {
  const operations = await operationsDuring(fn);
  const idLookupsOnly = databaseCapabilities()?.idLookupsOnly ?? false;
  return operations.filter((op) => !(idLookupsOnly && op.byId)).length;
}
