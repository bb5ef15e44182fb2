/**
 * Opens the configured database: its URI when set, otherwise (outside production, which
 * config enforces) the embedded FerretDB, supervised. Used by the server and by scripts.
 */
import type { Config } from '../config';
import { logger } from '../utils/logger';
import type { DatabaseCapabilities } from './capabilities';
import { connectDatabase, disconnectDatabase } from './connection';
import { superviseFerretdb, type SupervisedDatabase } from './ferretdb';

export interface OpenDatabase {
  capabilities: DatabaseCapabilities;
  close(): Promise<void>;
}

interface OpenOptions {
  /** The embedded database died and could not be restarted: the process should exit. */
  onEmbeddedDatabaseLost?: (err: Error) => void;
}

export async function openDatabase(
  settings: Config['db'],
  options: OpenOptions = {},
): Promise<OpenDatabase> {
  let embedded: SupervisedDatabase | undefined;
  let uri = settings.uri;
  if (!uri) {
    embedded = await superviseFerretdb({
      dataDir: settings.embeddedDataDir,
      cacheDir: settings.ferretdbCacheDir,
      postgresqlUrl: settings.embeddedPostgresqlUrl,
      log: (message) => logger.info(message),
      onGiveUp: (err) => {
        logger.error(err.message);
        options.onEmbeddedDatabaseLost?.(err);
      },
    });
    logger.info('embedded FerretDB started', {
      pid: embedded.pid,
      uri: embedded.uri,
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
