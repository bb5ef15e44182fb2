/**
 * `npm run db`: the embedded database alone, for several API instances to share (PM2
 * workers, nginx upstreams). Prints the MONGODB_URI to give them, then runs — supervised,
 * restarted if it dies — until Ctrl-C or SIGTERM.
 *
 *   npm run db                    # a free port
 *   EMBEDDED_DB_PORT=27017 npm run db
 *   EMBEDDED_DB_POSTGRESQL_URL=postgres://postgres@127.0.0.1:5432/postgres npm run db
 */
import { config } from '../src/config';
import { superviseFerretdb } from '../src/db/ferretdb';

async function main() {
  const port = config.db.embeddedPort;
  const db = await superviseFerretdb({
    dataDir: config.db.embeddedDataDir,
    cacheDir: config.db.ferretdbCacheDir,
    postgresqlUrl: config.db.embeddedPostgresqlUrl,
    listenAddr: `127.0.0.1:${port}`,
    log: (message) => console.error(message),
    onGiveUp: (err) => {
      console.error(err.message);
      process.exit(1);
    },
  });
  // stdout carries only this line, for scripts: `export $(npm run --silent db | head -1)`.
  console.log(`MONGODB_URI=${db.uri}conduit`);
  console.error(
    `embedded FerretDB (pid ${db.pid}), data in ${config.db.embeddedPostgresqlUrl ? 'PostgreSQL' : config.db.embeddedDataDir}; Ctrl-C stops it`,
  );
  const stop = () => void db.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
