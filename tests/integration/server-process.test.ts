/**
 * The real entry point, src/server.ts, run as a child process the way `npm start` runs it:
 * embedded database, signals, graceful shutdown, no orphaned FerretDB, fail-fast config.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(__dirname, '..', '..');

interface Started {
  child: ChildProcess;
  port: number;
  ferretdbPid: number;
  exited: Promise<number | null>;
}

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-server-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Only PATH and HOME: the server must work with no configuration at all. */
function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

function runServer(env: NodeJS.ProcessEnv, preload: string[] = []) {
  const child = spawn(process.execPath, [...preload, '--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, exited };
}

async function startServer(
  extraEnv: Record<string, string> = {},
  preload: string[] = [],
): Promise<Started> {
  const { child, exited } = runServer(
    bareEnv({
      PORT: '0',
      LOG_FORMAT: 'json',
      EMBEDDED_DB_DIR: dataDir,
      SHUTDOWN_TIMEOUT_MS: '8000',
      LOG_FILE_ENABLED: 'true',
      LOG_DIR: path.join(dataDir, 'logs'),
      ...extraEnv,
    }),
    preload,
  );
  let ferretdbPid = 0;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 20 s')), 20_000);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { message: string; pid?: number; port?: number };
      if (entry.message === 'embedded FerretDB started') ferretdbPid = entry.pid!;
      if (entry.port) {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
  return { child, port, ferretdbPid, exited };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

function get(port: number, pathname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ port, path: pathname }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
      .on('error', reject);
  });
}

describe('src/server.ts', () => {
  it('serves /health/ready on the embedded database, then on SIGTERM lets a slow request finish and exits 0 with no FerretDB left', async () => {
    const server = await startServer();
    expect(server.ferretdbPid).toBeGreaterThan(0);
    expect(await get(server.port, '/health/ready')).toBe(200);

    // A client that sends half its body, then the rest after the server was told to stop.
    const body = JSON.stringify({ user: { email: 'slow@example.com', password: 'x'.repeat(40) } });
    const response = new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          port: server.port,
          method: 'POST',
          path: '/api/v1/slow',
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 1500);
    });
    await new Promise((r) => setTimeout(r, 300));
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');

    expect(await response).toBe(404); // answered in full, not cut off
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(await waitUntil(() => !isAlive(server.ferretdbPid), 2000)).toBe(true);

    // LOG_FILE_ENABLED: the same lines, as JSON, in a daily file.
    const [logFile] = fs
      .readdirSync(path.join(dataDir, 'logs'))
      .filter((f) => /^app-\d{4}-\d{2}-\d{2}\.log$/.test(f));
    const logged = fs
      .readFileSync(path.join(dataDir, 'logs', logFile), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(logged.some((l) => l.message === 'shutdown complete')).toBe(true);
    expect(logged.some((l) => l.level === 'http' && l.requestId)).toBe(true);
  });

  it('takes its FerretDB along even when killed with SIGKILL', async () => {
    const server = await startServer();
    server.child.kill('SIGKILL');
    await server.exited;
    expect(await waitUntil(() => !isAlive(server.ferretdbPid), 5000)).toBe(true);
  });

  it('on an unhandled rejection logs it, shuts down gracefully and exits 1, leaving no FerretDB', async () => {
    const lines: { message: string; error?: { message?: string } }[] = [];
    const server = await startServer({}, [
      '--require',
      path.join(ROOT, 'tests/fixtures/reject-later.js'),
    ]);
    server.child.kill('SIGUSR2');
    readline
      .createInterface({ input: server.child.stdout! })
      .on('line', (line) => lines.push(JSON.parse(line)));
    expect(await server.exited).toBe(1);
    expect(lines.find((l) => l.message === 'unhandled promise rejection')?.error?.message).toBe(
      'a forgotten promise rejected',
    );
    expect(lines.some((l) => l.message === 'shutdown complete')).toBe(true);
    expect(await waitUntil(() => !isAlive(server.ferretdbPid), 2000)).toBe(true);
  });

  it.each([
    [{}, 'MONGODB_URI is required'],
    [{ MONGODB_URI: 'mongodb://127.0.0.1:1/conduit' }, 'JWT_SECRET is required'],
    [
      {
        MONGODB_URI: 'mongodb://127.0.0.1:1/conduit',
        JWT_SECRET: 'j'.repeat(40),
        SESSION_SECRET: 's'.repeat(40),
      },
      'SMTP_URL is required',
    ],
  ])(
    'refuses to start in production with %j, naming the missing variable',
    async (extra, message) => {
      const { child, exited } = runServer(bareEnv({ NODE_ENV: 'production', ...extra }));
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      expect(await exited).toBe(1);
      expect(stderr).toContain(message);
    },
  );
});
