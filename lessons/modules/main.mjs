// An ES module importing both kinds: a CommonJS file's exports arrive as named imports
// (Node reads them ahead of time) and as the default import (its module.exports).
import cjs, { greet as greetCjs } from './greet.cjs';
import { greet as greetEsm, kind } from './greet.mjs';

console.log(`  import from .mjs: ${greetEsm('ESM')} — ${kind}`);
console.log(
  `  import from .cjs: ${greetCjs('ESM')}; default import = module.exports: ${typeof cjs.greet}`,
);
console.log(`  import.meta.url ends with ${import.meta.url.split('/').slice(-2).join('/')}`);
