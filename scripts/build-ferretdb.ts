/** `npm run ferretdb:build`: builds the embedded database binary now (a no-op when cached). */
import { config } from '../src/config';
import { ensureFerretdbBinary } from '../src/db/ferretdb';

ensureFerretdbBinary((message) => console.log(message), config.db.ferretdbCacheDir)
  .then((binary) => console.log(`FerretDB ready: ${binary}`))
  .catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
