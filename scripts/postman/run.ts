/**
 * `npm run test:postman`: starts the API on a fresh embedded database, runs the Postman
 * collection with newman twice (it must pass again against the same data), stops the API.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import newman from 'newman';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = 2;

function startApi(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      EMBEDDED_DB_DIR: dataDir,
      UPLOADS_DIR: path.join(dataDir, 'uploads'),
      // Fresh rate-limit counters in the shared Redis, so back-to-back runs do not add up.
      REDIS_KEY_PREFIX: `conduit-postman-${process.pid}-${Date.now()}:`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the API did not start within 60 s')), 60_000);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line) as { message: string; port?: number };
      if (!entry.port) return;
      clearTimeout(timer);
      resolve(entry.port);
    });
    void exited.then((code) => reject(new Error(`the API exited with ${code} before listening`)));
  });
  return { child, port, exited };
}

function runCollection(baseUrl: string, run: number): Promise<number> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: path.join(ROOT, 'postman', 'conduit.postman_collection.json'),
        environment: path.join(ROOT, 'postman', 'conduit.postman_environment.json'),
        envVar: [{ key: 'baseUrl', value: baseUrl }],
        // Form-data files are given relative to postman/ (files/...).
        workingDir: path.join(ROOT, 'postman'),
        reporters: ['cli'],
        reporter: { cli: { noSummary: false } },
      },
      (err, summary) => {
        if (err) return reject(err);
        const failures = summary.run.failures.length;
        const assertions = summary.run.stats.assertions;
        console.log(
          `newman run ${run}/${RUNS}: ${assertions.total} assertions, ${failures} failed`,
        );
        resolve(failures);
      },
    );
  });
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-postman-'));
  const api = startApi(dataDir);
  let failures = 0;
  try {
    const baseUrl = `http://127.0.0.1:${await api.port}`;
    for (let run = 1; run <= RUNS; run += 1) failures += await runCollection(baseUrl, run);
  } finally {
    api.child.kill('SIGTERM');
    await api.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`postman: ${failures === 0 ? 'passed' : `${failures} failed assertions`}`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
