import mongoose from 'mongoose';

/** The database operations Mongoose sends while `fn` runs, as `collection.method`. */
export async function operationsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const operations: string[] = [];
  mongoose.set('debug', (collection: string, method: string) => {
    operations.push(`${collection}.${method}`);
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
