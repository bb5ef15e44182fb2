/**
 * `npm run postman:build` writes postman/*.json from ./collection.ts;
 * `--check` only compares, and fails when the committed files are stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildCollection, buildEnvironment } from './collection';

const OUT = path.resolve(__dirname, '..', '..', 'postman');
const files = {
  'conduit.postman_collection.json': buildCollection(),
  'conduit.postman_environment.json': buildEnvironment(),
};

const check = process.argv.includes('--check');
let stale = false;
for (const [name, content] of Object.entries(files)) {
  const file = path.join(OUT, name);
  const text = `${JSON.stringify(content, null, 2)}\n`;
  if (check) {
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
      console.error(`${path.relative(process.cwd(), file)} is stale: run npm run postman:build`);
      stale = true;
    }
  } else {
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
process.exit(stale ? 1 : 0);
