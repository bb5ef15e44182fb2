/**
 * For the deployment tests: the shared embedded database (`npm run db`), plain HTTP
 * requests on fresh connections (optionally from another loopback address, to be another
 * client), steady load that counts every answer, and running a tool.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export const ROOT = path.resolve(__dirname, '..', '..');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `conduit-${prefix}-`));
}

export interface SharedDatabase {
  uri: string;
  stop(): Promise<void>;
}

/** scripts/db.ts (`npm run db`) in a temp dir; resolves with the MONGODB_URI it prints. */
export async function startSharedDatabase(): Promise<SharedDatabase> {
  const dataDir = tempDir('db');
  // What `npm run db` runs, without npm between: a SIGTERM reaches the script itself.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/db.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, EMBEDDED_DB_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('npm run db printed nothing in 60 s')), 60_000);
    readline.createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      const match = /^MONGODB_URI=(\S+)$/.exec(line);
      if (match) resolve(match[1]);
      else reject(new Error(`npm run db printed: ${line}`));
    });
  });
  return {
    uri,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string | number>;
  body?: string;
  /** Connect from this local address (127.0.0.2, …): another client, as nginx sees it. */
  localAddress?: string;
}

/** One request on a fresh connection (no keep-alive, so no idle-socket races). */
export function send(url: string, options: RequestOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface LoadResult {
  statuses: Record<number, number>;
  errors: string[];
  total: number;
}

/** `concurrency` clients sending GET `url` back to back until `stop()`; counts every answer. */
/**
 * `concurrency` requests in flight until stopped. With `localAddresses`, each request comes
 * from the next of them: many clients, as a gateway's per-client limits see real traffic.
 */
export function steadyLoad(url: string, concurrency = 8, localAddresses: string[] = []) {
  const result: LoadResult = { statuses: {}, errors: [], total: 0 };
  let running = true;
  let sent = 0;
  const clients = Array.from({ length: concurrency }, async () => {
    while (running) {
      try {
        const localAddress = localAddresses[(sent += 1) % localAddresses.length];
        const { status } = await send(url, { localAddress });
        result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      } catch (err) {
        result.errors.push((err as Error).message);
      }
      result.total += 1;
    }
  });
  return {
    result,
    async stop(): Promise<LoadResult> {
      running = false;
      await Promise.all(clients);
      return result;
    },
  };
}

/**
 * Runs a command without blocking this process, for commands that run while this process
 * generates load (spawnSync would stall the load's sockets for the command's duration).
 */
export function runAsync(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const out = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  if (out.error) throw out.error;
  return { code: out.status, output: `${out.stdout}${out.stderr}` };
}

export async function waitFor(check: () => Promise<boolean> | boolean, ms = 30_000, what = 'it') {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
