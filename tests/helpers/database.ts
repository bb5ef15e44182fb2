import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { connectDatabase, disconnectDatabase } from '../../src/db/connection';

/** The run's database server (set by global-setup). */
export function testDatabaseUri(): string {
  const uri = process.env.TEST_DB_URI;
  if (!uri) throw new Error('TEST_DB_URI is not set: is tests/setup/global-setup.ts configured?');
  return uri;
}

/**
 * Gives the calling test file its own fresh database, connected through the app's own
 * connection module, and drops it afterwards.
 */
export function useTestDatabase(): void {
  const dbName = `test_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    await connectDatabase(testDatabaseUri(), {
      retries: 2,
      serverSelectionTimeoutMs: 5000,
      dbName,
    });
    await Promise.all(Object.values(mongoose.models).map((model) => model.init()));
  });
  afterAll(async () => {
    await mongoose.connection.dropDatabase();
    await disconnectDatabase();
  });
}
