import mongoose from 'mongoose';

/** Counts the database operations Mongoose sends while `fn` runs. */
export async function countOperations(fn: () => Promise<unknown>): Promise<number> {
  let count = 0;
  mongoose.set('debug', () => {
    count += 1;
  });
  try {
    await fn();
  } finally {
    mongoose.set('debug', false);
  }
  return count;
}
