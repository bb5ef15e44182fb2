/**
 * Runs the built API (dist/server.js) as a child process, for what measures it from
 * outside: the soak and benchmark scripts, the resilience suite (or its sources through
 * tsx, for a Jest test that needs the real process: the tracing test). Its own embedded database
 * in a temp dir (or the given one, to restart on the same data), JSON logs kept in memory,
 * and the port it listens on. The worker (dist/worker.js) runs the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(__dirname, '..', '..');

/** Rate limits out of the way, for load that comes from one machine. */
export const UNLIMITED = {
  RATE_LIMIT_MAX: '100000000',
  AUTH_RATE_LIMIT_MAX: '100000000',
  ARTICLE_WRITE_MAX: '100000000',
  COMMENT_WRITE_MAX: '100000000',
};

export interface LogLine {
  message: string;
  level: string;
  [field: string]: unknown;
}

export interface ApiProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  dataDir: string;
  /** Every JSON line the API has logged so far. */
  logs: LogLine[];
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  /** Resident set size of the API process, in MB (Linux /proc). */
  rssMb(): number;
  /** SIGTERM, wait for the exit; the data dir is removed unless it was given. */
  stop(): Promise<number | null>;
}

export interface ApiOptions {
  env?: Record<string, string>;
  nodeFlags?: string[];
  /** Keep the data here (and leave it on stop), e.g. to restart on the same data. */
  dataDir?: string;
  /** Run src/ through tsx instead of the build in dist/. */
  fromSource?: boolean;
}

/** The node arguments that run `entry` (server or worker): built, or from source. */
function entryArgs(entry: 'server' | 'worker', fromSource = false): string[] {
  if (fromSource) return ['--import', 'tsx', `src/${entry}.ts`];
  if (!fs.existsSync(path.join(ROOT, 'dist', `${entry}.js`)))
    throw new Error(`dist/${entry}.js is missing: run \`npm run build\` first`);
  return [`dist/${entry}.js`];
}

export interface WorkerProcess {
  child: ChildProcess;
  logs: LogLine[];
  exited: Promise<number | null>;
  /** SIGTERM (or the given signal), wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs the built worker (dist/worker.js); resolves once it consumes from its queue. */
export async function startWorker(
  env: Record<string, string>,
  { fromSource = false } = {},
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, entryArgs('worker', fromSource), {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: LogLine[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the worker did not consume in 60 s')), 60_000);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as LogLine;
      logs.push(entry);
      if (entry.message === 'worker consuming') {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => reject(new Error(`the worker exited with ${code}`)));
  });
  return {
    child,
    logs,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function startApi(options: ApiOptions = {}): Promise<ApiProcess> {
  const args = [...(options.nodeFlags ?? []), ...entryArgs('server', options.fromSource)];
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-measure-'));
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info', // the 'listening' line carries the port; no access lines
      EMBEDDED_DB_DIR: dataDir,
      UPLOADS_DIR: path.join(dataDir, 'uploads'),
      // Counters of its own in a shared Redis: never a developer's server's, nor a past run's.
      REDIS_KEY_PREFIX: `conduit-measure-${process.pid}-${Date.now()}:`,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: LogLine[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the API did not start in 60 s')), 60_000);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as LogLine & { port?: number };
      logs.push(entry);
      if (entry.port) {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
    void exited.then((code) => reject(new Error(`the API exited with ${code}`)));
  });
  return {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    logs,
    exited,
    rssMb() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
