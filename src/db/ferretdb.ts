/**
 * The embedded database for development and tests: FerretDB v1.24.2 (MongoDB wire
 * protocol on SQLite), built once per user from the Go module proxy by tools/ferretdb
 * (cached in ~/.cache/conduit/ferretdb, behind a lock so concurrent first starts build
 * once) and started as a child process on a free local port. The child exits when our
 * end of its stdin closes, so it never outlives this process — not even a SIGKILL of it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { ensureGoProgram, goProgramPath, type GoProgram, type Log } from '../utils/go-program';

const FERRETDB_VERSION = 'v1.24.2';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const READY_TIMEOUT_MS = 30_000;

export type { Log };

export interface EmbeddedDatabase {
  /** mongodb://127.0.0.1:<port>/ — append a database name. */
  uri: string;
  pid: number;
  /** Resolves with the exit code (null after a signal) when the process ends, for any reason. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const GO_MISSING =
  'The embedded database is built once with Go. Install Go >= 1.24 (https://go.dev/dl), ' +
  'or set MONGODB_URI to a MongoDB server, or run `docker compose up` (app + MongoDB 7 + Redis).';

const FERRETDB: GoProgram = {
  title: `FerretDB ${FERRETDB_VERSION}`,
  dir: path.join(PROJECT_ROOT, 'tools', 'ferretdb'),
  sources: ['go.mod', 'go.sum', 'main.go'],
  version: FERRETDB_VERSION,
  binaryName: 'ferretdb',
  goMissing: GO_MISSING,
};

/** Where the binary for the current wrapper sources lives; a source change means a rebuild. */
export const ferretdbBinaryPath = (cacheDir: string): string => goProgramPath(FERRETDB, cacheDir);

/**
 * Builds the FerretDB binary unless it is cached; reports progress through `log`. Of
 * several processes starting at once on an empty cache, one builds while the others wait
 * for its lock, then find the binary.
 */
export const ensureFerretdbBinary = (log: Log, cacheDir: string): Promise<string> =>
  ensureGoProgram(FERRETDB, cacheDir, log);

export interface StartOptions {
  /** Where SQLite keeps the databases. */
  dataDir: string;
  /** Where the binary is cached (config.db.ferretdbCacheDir). */
  cacheDir: string;
  log: Log;
  /** Defaults to a free port on 127.0.0.1. */
  listenAddr?: string;
  /** Set: store in this PostgreSQL database (FerretDB's postgresql backend) instead of SQLite. */
  postgresqlUrl?: string;
}

/** Starts FerretDB with the SQLite backend storing its files in `dataDir` (or on PostgreSQL). */
export async function startFerretdb(options: StartOptions): Promise<EmbeddedDatabase> {
  const { dataDir, log, listenAddr = '127.0.0.1:0' } = options;
  const binary = await ensureFerretdbBinary(log, options.cacheDir);
  fs.mkdirSync(dataDir, { recursive: true });

  const backend = options.postgresqlUrl
    ? ['--handler', 'postgresql', '--postgresql-url', options.postgresqlUrl]
    : ['--handler', 'sqlite', '--sqlite-url', `file:${dataDir}/`];
  const child = spawn(binary, ['--listen-addr', listenAddr, ...backend, '--log-level', 'error'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.removeListener('exit', killOnExit);
      resolve(code);
    }),
  );
  readline.createInterface({ input: child.stderr }).on('line', (line) => log(`ferretdb: ${line}`));

  const uri = await waitForReady(child);
  return {
    uri,
    pid: child.pid as number,
    exited,
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

const RESTART_DELAYS_MS = [250, 500, 1000, 2000, 4000];

export interface SupervisedDatabase extends Omit<EmbeddedDatabase, 'exited'> {
  /** How many times the process was started again after exiting on its own. */
  readonly restarts: number;
}

/**
 * Starts FerretDB and keeps it running. If it exits on its own (a crash, a kill), it is
 * started again on the same data directory and port — so the driver reconnects by itself
 * — after 0.25, 0.5, 1, 2 and 4 s. When every attempt fails, `onGiveUp` is called: the
 * server then exits non-zero, for its own supervisor (Docker, PM2, systemd) to restart.
 */
export async function superviseFerretdb(
  options: StartOptions & { onGiveUp: (err: Error) => void },
): Promise<SupervisedDatabase> {
  const { log, onGiveUp } = options;
  let current = await startFerretdb(options);
  const listenAddr = `127.0.0.1:${new URL(current.uri).port}`;
  let stopping = false;
  let restarts = 0;

  async function restart(code: number | null) {
    log(`embedded FerretDB exited (code ${code}): restarting it on ${listenAddr}`);
    let lastError = new Error('not started');
    for (const delay of RESTART_DELAYS_MS) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (stopping) return;
      try {
        current = await startFerretdb({ ...options, listenAddr });
        restarts += 1;
        log(`embedded FerretDB restarted (pid ${current.pid})`);
        watch(current);
        return;
      } catch (err) {
        lastError = err as Error;
        log(`embedded FerretDB restart failed: ${lastError.message}`);
      }
    }
    onGiveUp(new Error(`embedded FerretDB could not be restarted: ${lastError.message}`));
  }

  function watch(db: EmbeddedDatabase) {
    void db.exited.then((code) => (stopping ? undefined : restart(code)));
  }
  watch(current);

  return {
    uri: current.uri,
    get pid() {
      return current.pid;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      await current.stop();
    },
  };
}
