/**
 * Starts one database for the whole run: MONGODB_URI when set (e.g. a real MongoDB 7),
 * otherwise the embedded FerretDB on a temp dir. Test files each get their own database
 * on it (tests/helpers/database.ts), so they can run in parallel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFerretdb, type EmbeddedDatabase } from '../../src/db/ferretdb';

declare global {
  var __TEST_DB__: { db?: EmbeddedDatabase; dataDir?: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TEST_DB_URI = process.env.MONGODB_URI;
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-test-db-'));
  const db = await startFerretdb({ dataDir, log: (m) => process.stderr.write(`${m}\n`) });
  globalThis.__TEST_DB__ = { db, dataDir };
  process.env.TEST_DB_URI = db.uri;
}
