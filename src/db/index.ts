/**
 * Opens the configured database: MONGODB_URI when set, otherwise (outside production,
 * which config enforces) the embedded FerretDB under EMBEDDED_DB_DIR. Used by the server
 * and by scripts such as the seeder.
 */
import { config } from '../config';
import { logger } from '../utils/logger';
import { connectDatabase, disconnectDatabase } from './connection';
import { startFerretdb, type EmbeddedDatabase } from './ferretdb';

export interface OpenDatabase {
  close(): Promise<void>;
}

export async function openDatabase(): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let uri = config.db.uri;
  if (!uri) {
    embedded = await startFerretdb({
      dataDir: config.db.embeddedDataDir,
      log: (message) => logger.info(message),
    });
    logger.info('embedded FerretDB started', {
      pid: embedded.pid,
      dataDir: config.db.embeddedDataDir,
    });
    uri = `${embedded.uri}conduit`;
  }
  const close = async () => {
    await disconnectDatabase();
    await embedded?.stop();
  };
  try {
    await connectDatabase(uri, {
      retries: config.db.connectRetries,
      serverSelectionTimeoutMs: config.db.serverSelectionTimeoutMs,
    });
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  return { close };
}
