/** The database: MongoDB at MONGODB_URI, or the embedded FerretDB (development, tests). */
import os from 'node:os';
import path from 'node:path';
import Joi from 'joi';
import { fromRoot, optional, type EnvOf } from './variables';

export const databaseVariables = {
  MONGODB_URI: optional(
    Joi.string()
      .uri({ scheme: ['mongodb', 'mongodb+srv'] })
      .when('NODE_ENV', { is: 'production', then: Joi.required() }),
  ),
  EMBEDDED_DB_DIR: Joi.string().default('data/ferretdb'),
  EMBEDDED_DB_PORT: Joi.number().port().default(0),
  EMBEDDED_DB_POSTGRESQL_URL: optional(Joi.string().uri({ scheme: ['postgres', 'postgresql'] })),
  FERRETDB_CACHE_DIR: optional(Joi.string()),
  XDG_CACHE_HOME: optional(Joi.string()),
  DB_CONNECT_RETRIES: Joi.number().integer().min(0).max(20).default(5),
  // How long an operation waits for a reachable server: a request caught by an outage
  // answers 503 after this; later ones at once (the driver has seen the server go).
  DB_SERVER_SELECTION_TIMEOUT_MS: Joi.number().integer().min(100).default(2000),
};

export const databaseConfig = (env: EnvOf<typeof databaseVariables>) => ({
  /** Set: connect there. Unset (not production): start the embedded FerretDB. */
  uri: env.MONGODB_URI,
  embeddedDataDir: fromRoot(env.EMBEDDED_DB_DIR),
  /** Set: the embedded FerretDB stores in this PostgreSQL database instead of SQLite files. */
  embeddedPostgresqlUrl: env.EMBEDDED_DB_POSTGRESQL_URL,
  /** `npm run db`'s port; 0 picks a free one. */
  embeddedPort: env.EMBEDDED_DB_PORT,
  /** Where the embedded FerretDB binary is cached, shared by every clone of this user. */
  ferretdbCacheDir: path.resolve(
    env.FERRETDB_CACHE_DIR ??
      path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'conduit', 'ferretdb'),
  ),
  connectRetries: env.DB_CONNECT_RETRIES,
  serverSelectionTimeoutMs: env.DB_SERVER_SELECTION_TIMEOUT_MS,
});
