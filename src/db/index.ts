/**
 * Opens the configured database: its URI when set, otherwise (outside production, which
 * config enforces) the embedded FerretDB. Used by the server and by scripts.
 */
import type { Config } from '../config';
import { logger } from '../utils/logger';
import type { DatabaseCapabilities } from './capabilities';
import { connectDatabase, disconnectDatabase } from './connection';
import { startFerretdb, type EmbeddedDatabase } from './ferretdb';

export interface OpenDatabase {
  capabilities: DatabaseCapabilities;
  close(): Promise<void>;
}

export async function openDatabase(settings: Config['db']): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let uri = settings.uri;
  if (!uri) {
    embedded = await startFerretdb({
      dataDir: settings.embeddedDataDir,
      cacheDir: settings.ferretdbCacheDir,
      log: (message) => logger.info(message),
    });
    logger.info('embedded FerretDB started', {
      pid: embedded.pid,
      dataDir: settings.embeddedDataDir,
    });
    uri = `${embedded.uri}conduit`;
  }
  try {
    const capabilities = await connectDatabase(uri, {
      retries: settings.connectRetries,
      serverSelectionTimeoutMs: settings.serverSelectionTimeoutMs,
    });
    return {
      capabilities,
      async close() {
        await disconnectDatabase();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
