/**
 * Lesson: Node's globals and the `os` module.  Run: npm run lesson -- globals
 *
 * In a CommonJS module (what this project compiles to) every file gets `__dirname` and
 * `__filename` from the wrapper Node puts around it; `process`, `Buffer`, `globalThis`,
 * `structuredClone`, `fetch`, timers are true globals. An ES module has `import.meta`
 * instead. `os` describes the machine: what a process should size itself by.
 * In this project: src/config/index.ts finds the project root from `__dirname`;
 * src/server.ts listens to `process` signals; ecosystem.config.js starts one PM2 worker
 * per core.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

console.log('1. Module-scoped values (CommonJS):');
console.log(`  __filename: ${path.relative(root, __filename)}`);
console.log(`  __dirname:  ${path.relative(root, __dirname)}`);
console.log(`  typeof require: ${typeof require}, typeof module.exports: ${typeof module.exports}`);
console.log('2. True globals:');
console.log(`  process.versions.node: ${process.versions.node}, V8 ${process.versions.v8}`);
console.log(
  `  process.pid is a ${typeof process.pid}; process.argv[1] ends with ${path.basename(process.argv[1] ?? '')}`,
);
console.log(`  process.env.NODE_ENV: ${process.env.NODE_ENV ?? '(unset)'}`);
console.log(`  process.memoryUsage().rss: ${mb(process.memoryUsage().rss)}`);
console.log(
  `  typeof fetch: ${typeof fetch}, typeof structuredClone: ${typeof structuredClone}, globalThis.process === process: ${globalThis.process === process}`,
);
console.log('3. The same from an ES module (lessons/globals/esm.mjs):');
process.stdout.write(
  execFileSync(process.execPath, [path.join(__dirname, 'globals', 'esm.mjs')], {
    encoding: 'utf8',
  }),
);
console.log('4. os: the machine');
console.log(`  os.platform(): ${os.platform()}, os.arch(): ${os.arch()}`);
console.log(
  `  os.availableParallelism(): ${os.availableParallelism()} (cores a cluster should use)`,
);
console.log(`  os.totalmem(): ${mb(os.totalmem())}, os.freemem(): ${mb(os.freemem())}`);
console.log(`  os.tmpdir(): ${os.tmpdir()}, os.EOL: ${JSON.stringify(os.EOL)}`);
console.log(`  os.loadavg()[0]: ${os.loadavg()[0]?.toFixed(2)}`);
