/**
 * The real entry point, src/server.ts, run as a child process the way `npm start` runs it:
 * embedded database, signals, graceful shutdown, no orphaned FerretDB, fail-fast config.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import readline from 'node:readline';
import { io as connectSocket } from 'socket.io-client';
import request from 'supertest';
import { png } from '../helpers/files';

const ROOT = path.resolve(__dirname, '..', '..');

interface Started {
  child: ChildProcess;
  port: number;
  ferretdbPid: number;
  ferretdbUri: string;
  exited: Promise<number | null>;
}

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-server-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/**
 * Only PATH and HOME: the server must work with no configuration at all — but its Redis
 * keys get a prefix of their own, so the limits it counts are not a developer's server's.
 */
function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    REDIS_KEY_PREFIX: `conduit-test-${process.pid}-${Date.now()}:`,
    ...extra,
  };
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
      UPLOADS_DIR: path.join(dataDir, 'uploads'),
      SHUTDOWN_TIMEOUT_MS: '8000',
      LOG_FILE_ENABLED: 'true',
      LOG_DIR: path.join(dataDir, 'logs'),
      ...extraEnv,
    }),
    preload,
  );
  let ferretdbPid = 0;
  let ferretdbUri = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 20 s')), 20_000);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as {
        message: string;
        pid?: number;
        port?: number;
        uri?: string;
      };
      if (entry.message === 'embedded FerretDB started') {
        ferretdbPid = entry.pid!;
        ferretdbUri = entry.uri!;
      }
      if (entry.port) {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
  return { child, port, ferretdbPid, ferretdbUri, exited };
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

interface Sent {
  status: number;
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

function send(port: number, method: string, pathname: string, body?: object, auth?: string) {
  return new Promise<Sent>((resolve, reject) => {
    const payload = body && JSON.stringify(body);
    const req = http.request(
      {
        port,
        method,
        path: pathname,
        headers: {
          ...(payload && { 'Content-Type': 'application/json' }),
          ...(auth && { Authorization: auth }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            body: text && JSON.parse(text),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Binds `port` as soon as it is free (a killed process releases it a moment later). */
async function occupy(port: number): Promise<net.Server> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await new Promise<net.Server>((resolve, reject) => {
        const squatter = net.createServer((socket) => socket.destroy()).once('error', reject);
        squatter.listen(port, '127.0.0.1', () => resolve(squatter));
      });
    } catch (err) {
      if (attempt > 100) throw err;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

describe('src/server.ts', () => {
  it('serves /health/ready on the embedded database, then on SIGTERM lets a slow request finish, closes sockets cleanly and exits 0 with no FerretDB left', async () => {
    const server = await startServer();
    expect(server.ferretdbPid).toBeGreaterThan(0);
    expect(await get(server.port, '/health/ready')).toBe(200);

    // A live Socket.IO client, signed in with a fresh account.
    const url = `http://127.0.0.1:${server.port}`;
    const { body: registered } = await request(url)
      .post('/api/v1/users')
      .send({
        user: { username: 'live', email: 'live@example.com', password: 'correct horse battery' },
      })
      .expect(201);
    const socket = connectSocket(url, {
      auth: { token: registered.user.token },
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) =>
      socket.once('connect', () => resolve()).once('connect_error', reject),
    );
    const socketClosed = new Promise((resolve) => socket.once('disconnect', resolve));

    // A client that sends half its body, then the rest after the server was told to stop.
    const body = JSON.stringify({ user: { email: 'slow@example.com', password: 'x'.repeat(40) } });
    const response = new Promise<{ status: number; connection?: string }>((resolve, reject) => {
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
          resolve({ status: res.statusCode!, connection: res.headers.connection });
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 1500);
    });
    await new Promise((r) => setTimeout(r, 300));
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');

    // Answered in full, not cut off, and marked so a keep-alive client does not reuse it.
    expect(await response).toEqual({ status: 404, connection: 'close' });
    // Closed by the server with a close packet, not cut off: the client may reconnect elsewhere.
    expect(await socketClosed).toBe('transport close');
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

  it('restarts its embedded database after a kill -9: 503s meanwhile, never 500, then the same data', async () => {
    const server = await startServer({ LOG_LEVEL: 'info' });
    const lines: string[] = [];
    readline.createInterface({ input: server.child.stdout! }).on('line', (l) => lines.push(l));
    const register = await send(server.port, 'POST', '/api/v1/users', {
      user: {
        username: 'survivor',
        email: 'survivor@example.com',
        password: 'violet kettle sunrise',
      },
    });
    expect(register.status).toBe(201);
    const auth = `Token ${(register.body as { user: { token: string } }).user.token}`;

    process.kill(server.ferretdbPid, 'SIGKILL');
    const statuses = new Set<number>();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = (await send(server.port, 'GET', '/api/v1/user', undefined, auth)).status;
      statuses.add(status);
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200); // the user written before the kill is still there
    expect([...statuses].every((s) => s === 200 || s === 503)).toBe(true);
    expect(lines.some((l) => l.includes('embedded FerretDB restarted'))).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('exits 1 when its embedded database cannot be restarted, for its own supervisor to act', async () => {
    const server = await startServer();
    const ready = await send(server.port, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    const dbPort = Number(new URL(server.ferretdbUri).port);
    process.kill(server.ferretdbPid, 'SIGKILL');
    const squatter = await occupy(dbPort); // every restart on that port now fails
    try {
      expect(await server.exited).toBe(1);
    } finally {
      squatter.close();
    }
  });

  it('links an uploaded avatar at the port it listens on (no APP_URL), and answers a request without Host with 400 in the error shape', async () => {
    const server = await startServer();
    const url = `http://127.0.0.1:${server.port}`;
    const { body: registered } = await request(url)
      .post('/api/v1/users')
      .send({
        user: {
          username: 'linked',
          email: 'linked@example.com',
          password: 'correct horse battery',
        },
      })
      .expect(201);
    const { body: changed } = await request(url)
      .put('/api/v1/user/image')
      .set('Authorization', `Token ${registered.user.token}`)
      .attach('image', await png(), 'me.png')
      .expect(200);
    const image = new URL(changed.user.image as string);
    expect(image.origin).toBe(`http://localhost:${server.port}`);
    const file = await request(url).get(image.pathname).expect(200);
    expect(file.headers['content-type']).toBe('image/webp');

    const answer = await new Promise<string>((resolve) => {
      let text = '';
      const socket = net.connect(server.port, '127.0.0.1', () =>
        socket.write('GET /api/v1/tags HTTP/1.1\r\nConnection: close\r\n\r\n'),
      );
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      errors: { host: ['is required in an HTTP/1.1 request'] },
      code: 'BAD_REQUEST',
      requestId: expect.any(String),
    });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('cuts slow and oversized clients at the configured limits instead of holding them', async () => {
    const server = await startServer({
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '2000',
      HTTP_MAX_HEADER_SIZE: '2048',
    });
    /** Writes `raw`, then waits for the server to answer and hang up. */
    const hold = (raw: string) =>
      new Promise<{ ms: number; answer: string }>((resolve) => {
        const started = Date.now();
        let answer = '';
        const socket = net.connect(server.port, '127.0.0.1', () => socket.write(raw));
        socket.on('data', (chunk) => (answer += chunk));
        socket.on('close', () => resolve({ ms: Date.now() - started, answer }));
      });
    const [header, body, big] = await Promise.all([
      hold('GET /health/live HTTP/1.1\r\nHost: x\r\nX-Drip: a'), // never ends its headers
      hold(
        'POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user"',
      ),
      hold(`GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(4096)}\r\n\r\n`),
    ]);
    expect(header.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(header.ms).toBeLessThan(4000);
    expect(body.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(body.ms).toBeLessThan(5000);
    expect(big.answer).toMatch(/^HTTP\/1\.1 431/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
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
