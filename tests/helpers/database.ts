import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { loadConfig } from '../../src/config';
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
export function useTestDatabase(): { dbName: string } {
  const dbName = `test_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    // Creates every model's indexes too, as the server does.
    await connectDatabase(testDatabaseUri(), {
      retries: 2,
      serverSelectionTimeoutMs: 5000,
      dbName,
    });
  });
  afterAll(async () => {
    await mongoose.connection.dropDatabase();
    await disconnectDatabase();
  });
  return { dbName };
}

/** Where this user's FerretDB binary is cached (as the app finds it). */
export const ferretdbCacheDir = loadConfig({ ...process.env, NODE_ENV: 'test' }).db
  .ferretdbCacheDir;
