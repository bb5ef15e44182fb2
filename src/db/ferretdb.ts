/**
 * The embedded database for development and tests: FerretDB v1.24.2 (MongoDB wire
 * protocol on SQLite), built once from the Go module proxy by tools/ferretdb and started
 * as a child process on a free local port. The child exits when our end of its stdin
 * closes, so it never outlives this process — not even a SIGKILL of it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

export const FERRETDB_VERSION = 'v1.24.2';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const TOOL_DIR = path.join(PROJECT_ROOT, 'tools', 'ferretdb');
const TOOL_SOURCES = ['go.mod', 'go.sum', 'main.go'];
const READY_TIMEOUT_MS = 30_000;

export type Log = (message: string) => void;

export interface EmbeddedDatabase {
  /** mongodb://127.0.0.1:<port>/ — append a database name. */
  uri: string;
  pid: number;
  stop(): Promise<void>;
}

const DEFAULT_CACHE_DIR = path.join(PROJECT_ROOT, '.cache', 'ferretdb');

/** Where the binary for the current wrapper sources lives; a source change means a rebuild. */
export function ferretdbBinaryPath(cacheDir = DEFAULT_CACHE_DIR): string {
  const hash = createHash('sha256');
  for (const file of TOOL_SOURCES) hash.update(fs.readFileSync(path.join(TOOL_DIR, file)));
  const key = hash.digest('hex').slice(0, 12);
  return path.join(cacheDir, `${FERRETDB_VERSION}-${key}`, 'ferretdb');
}

const GO_MISSING =
  'The embedded database is built once with Go. Install Go >= 1.24 (https://go.dev/dl), ' +
  'or set MONGODB_URI to a MongoDB server, or run `docker compose up` (app + MongoDB 7 + Redis).';

/** Builds the FerretDB binary unless it is cached; reports progress through `log`. */
export async function ensureFerretdbBinary(
  log: Log,
  cacheDir = DEFAULT_CACHE_DIR,
): Promise<string> {
  const binary = ferretdbBinaryPath(cacheDir);
  if (fs.existsSync(binary)) return binary;

  fs.mkdirSync(path.dirname(binary), { recursive: true });
  const tmp = `${binary}.${process.pid}.tmp`;
  log(
    `Building FerretDB ${FERRETDB_VERSION} with Go (first run only; a few minutes on a cold Go cache)...`,
  );
  const started = Date.now();

  await new Promise<void>((resolve, reject) => {
    const go = spawn('go', ['build', '-v', '-trimpath', '-o', tmp, '.'], { cwd: TOOL_DIR });
    let compiled = 0;
    let lastReport = Date.now();
    const tail: string[] = [];
    // `go build -v` names each package it compiles: that is our progress signal.
    readline.createInterface({ input: go.stderr }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      compiled += 1;
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        log(`  ...${compiled} packages compiled (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    });
    go.on('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new Error(`Go was not found on PATH. ${GO_MISSING}`) : err),
    );
    go.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`go build failed (exit ${code}):\n${tail.join('\n')}\n${GO_MISSING}`)),
    );
  });

  fs.renameSync(tmp, binary); // atomic: a concurrent builder never sees half a binary
  log(`FerretDB built in ${Math.round((Date.now() - started) / 1000)} s: ${binary}`);
  return binary;
}

export interface StartOptions {
  /** Where SQLite keeps the databases. */
  dataDir: string;
  log: Log;
  /** Defaults to a free port on 127.0.0.1. */
  listenAddr?: string;
}

/** Starts FerretDB with the SQLite backend storing its files in `dataDir`. */
export async function startFerretdb(options: StartOptions): Promise<EmbeddedDatabase> {
  const { dataDir, log, listenAddr = '127.0.0.1:0' } = options;
  const binary = await ensureFerretdbBinary(log);
  fs.mkdirSync(dataDir, { recursive: true });

  const child = spawn(
    binary,
    ['--listen-addr', listenAddr, '--sqlite-url', `file:${dataDir}/`, '--log-level', 'error'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  readline.createInterface({ input: child.stderr }).on('line', (line) => log(`ferretdb: ${line}`));

  const uri = await waitForReady(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => process.removeListener('exit', killOnExit)).catch(() => undefined);

  return {
    uri,
    pid: child.pid as number,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function waitForReady(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`FerretDB did not become ready within ${READY_TIMEOUT_MS} ms`));
    }, READY_TIMEOUT_MS);
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = /^ready (mongodb:\/\/\S+)$/.exec(line);
      if (match) resolve(match[1]);
      else reject(new Error(`FerretDB printed an unexpected first line: ${line}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`FerretDB exited with code ${code} before it was ready`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
