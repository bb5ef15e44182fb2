/**
 * nginx with the real nginx (Debian package) and deploy/nginx/ as written — only the
 * listen port, the static root and the upstream lists are set for the test — in front of
 * two built API instances sharing one database (`npm run db`) and one Redis, and of a
 * second service standing in for the tracing UI (it answers with what it received).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { io as connectSocket } from 'socket.io-client';
import { startApi, type ApiProcess } from '../../scripts/lib/api-process';
import { freePort } from '../helpers/redis';
import {
  ROOT,
  run,
  send,
  sleep,
  startSharedDatabase,
  steadyLoad,
  tempDir,
  waitFor,
  type SharedDatabase,
} from './helpers';

let db: SharedDatabase;
let apis: ApiProcess[];
let prefix: string;
let nginx: ChildProcess;
let gateway: string;
let tracing: http.Server;

/** The tracing service's stand-in: it answers with the path and headers nginx sent it. */
async function startTracingStandIn() {
  const server = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(
      JSON.stringify({
        service: 'tracing',
        url: req.url,
        forwardedFor: req.headers['x-forwarded-for'],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** 40 client addresses for the load test: the per-client edge limit sees 40 clients. */
const MANY_CLIENTS = Array.from({ length: 40 }, (_, i) => `127.0.1.${i + 1}`);

interface AccessLine {
  requestId: string;
  remoteAddr: string;
  uri: string;
  status: number;
  upstream: string;
}
const accessLog = (): AccessLine[] =>
  fs
    .readFileSync(path.join(prefix, 'logs', 'access.log'), 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

/**
 * The access log lines of `uri`, once there are `count`: nginx writes a line after the
 * response has gone, so the client can be faster than the log.
 */
async function logged(uri: (u: string) => boolean, count = 1): Promise<AccessLine[]> {
  await waitFor(
    () => accessLog().filter((l) => uri(l.uri)).length >= count,
    5000,
    'the access log',
  );
  return accessLog().filter((l) => uri(l.uri));
}

/** deploy/nginx/ copied as is, but for the port, the static root and the upstreams. */
function writeConfig(port: number, upstreams: number[], tracingPort: number) {
  const source = path.join(ROOT, 'deploy', 'nginx');
  fs.mkdirSync(path.join(prefix, 'logs'), { recursive: true });
  fs.copyFileSync(path.join(source, 'nginx.conf'), path.join(prefix, 'nginx.conf'));
  const site = fs.readFileSync(path.join(source, 'conduit.conf'), 'utf8');
  const edited = site
    .replace('listen 8080;', `listen 127.0.0.1:${port};`)
    .replace('root /srv/conduit/public;', `root ${path.join(ROOT, 'public')};`);
  expect(edited).not.toBe(site);
  fs.writeFileSync(path.join(prefix, 'conduit.conf'), edited);
  fs.writeFileSync(
    path.join(prefix, 'conduit-upstreams.conf'),
    upstreams.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;\n`).join(''),
  );
  fs.writeFileSync(
    path.join(prefix, 'conduit-tracing-upstreams.conf'),
    `server 127.0.0.1:${tracingPort};\n`,
  );
}

const nginxArgs = () => ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')];

beforeAll(async () => {
  db = await startSharedDatabase();
  const env = {
    MONGODB_URI: db.uri,
    TRUST_PROXY_HOPS: '1',
    // One prefix for both: they share the rate limit counters, as instances do.
    REDIS_KEY_PREFIX: `conduit-nginx-${process.pid}:`,
    // High enough for the load below (over 1,000 GETs in 2 s on a fast machine).
    RATE_LIMIT_MAX: '100000',
    AUTH_RATE_LIMIT_MAX: '100000',
  };
  apis = await Promise.all([startApi({ env }), startApi({ env })]);
  prefix = tempDir('nginx');
  const port = await freePort();
  gateway = `http://127.0.0.1:${port}`;
  tracing = await startTracingStandIn();
  writeConfig(
    port,
    apis.map((a) => a.port),
    (tracing.address() as AddressInfo).port,
  );
  nginx = spawn('nginx', [...nginxArgs(), '-g', 'daemon off;'], { stdio: 'inherit' });
  await waitFor(async () => (await send(`${gateway}/health/live`)).status === 200, 20_000);
}, 120_000);

afterAll(async () => {
  nginx?.kill('SIGQUIT');
  tracing?.close();
  await Promise.all((apis ?? []).map((a) => a.stop()));
  await db?.stop();
  if (prefix) fs.rmSync(prefix, { recursive: true, force: true });
});

describe('deploy/nginx', () => {
  it('passes nginx -t', () => {
    const { code, output } = run('nginx', ['-t', ...nginxArgs()]);
    expect(output).toMatch(/syntax is ok/);
    expect(code).toBe(0);
  });

  it('balances API requests across both instances', async () => {
    for (let i = 0; i < 20; i += 1)
      expect((await send(`${gateway}/api/v1/tags?balance=${i}`)).status).toBe(200);
    const lines = await logged((u) => u.startsWith('/api/v1/tags?balance='), 20);
    const upstreams = new Set(lines.map((l) => l.upstream));
    expect([...upstreams].sort()).toEqual(apis.map((a) => `127.0.0.1:${a.port}`).sort());
  });

  it('routes the gateway paths: API, docs, health, Socket.IO client, and static files from disk', async () => {
    const answers = await Promise.all(
      [
        '/api/v1/tags',
        '/docs/openapi.json',
        '/health/ready',
        '/socket.io/socket.io.min.js',
        '/live.html',
      ].map(async (p) => [p, (await send(`${gateway}${p}`)).status]),
    );
    expect(Object.fromEntries(answers)).toEqual({
      '/api/v1/tags': 200,
      '/docs/openapi.json': 200,
      '/health/ready': 200,
      '/socket.io/socket.io.min.js': 200,
      '/live.html': 200,
    });
    const [page] = await logged((u) => u === '/live.html');
    expect(page.upstream).toBe(''); // nginx served it itself
  });

  it('routes /jaeger/ to a second upstream, the tracing service, for operators only', async () => {
    const res = await send(`${gateway}/jaeger/search?service=conduit`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      service: 'tracing',
      url: '/jaeger/search?service=conduit',
      forwardedFor: '127.0.0.1',
    });
    const [line] = await logged((u) => u.startsWith('/jaeger/search'));
    expect(line.upstream).toBe(`127.0.0.1:${(tracing.address() as AddressInfo).port}`);
    expect(apis.map((a) => `127.0.0.1:${a.port}`)).not.toContain(line.upstream);

    // From an address outside the operators' networks: refused at the edge, in the error shape.
    const outsider = await send(`${gateway}/jaeger/search`, { localAddress: '127.0.0.9' });
    expect(outsider.status).toBe(403);
    expect(JSON.parse(outsider.body)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('never lets /metrics through the gateway', async () => {
    const res = await send(`${gateway}/metrics`);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('limits API requests per client address at the edge; other clients are unaffected', async () => {
    const flood = await Promise.all(
      Array.from({ length: 260 }, () =>
        send(`${gateway}/api/v1/tags?flood`, { localAddress: '127.0.0.8' }),
      ),
    );
    const limited = flood.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0); // a burst of 200 passes, then 100 a second
    expect(JSON.parse(limited[0]!.body)).toMatchObject({ code: 'RATE_LIMITED' });
    const lines = await logged((u) => u === '/api/v1/tags?flood', flood.length);
    expect(lines.filter((l) => l.status === 429).every((l) => l.upstream === '')).toBe(true);
    expect((await send(`${gateway}/api/v1/tags`, { localAddress: '127.0.0.10' })).status).toBe(200);
  });

  it('takes a large body only on upload paths: 2 MB of JSON is 413 at the edge, 2 MB of upload reaches the API', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const json = await send(`${gateway}/api/v1/articles`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ article: { title: 't', description: 'd', body: big } }),
    });
    expect(json.status).toBe(413);
    expect(JSON.parse(json.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const upload = await send(`${gateway}/api/v1/user/image`, {
      method: 'PUT',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
      body: big,
    });
    expect(upload.status).toBe(401); // the API's answer: no token
    expect(JSON.parse(upload.body)).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('passes the request id through both ways, and logs it', async () => {
    const given = await send(`${gateway}/api/v1/tags`, { headers: { 'X-Request-Id': 'trace-42' } });
    expect(given.headers['x-request-id']).toBe('trace-42');

    const made = await send(`${gateway}/api/v1/tags?made`);
    const id = made.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f]{32}$/); // nginx's $request_id, adopted by the API
    const [line] = await logged((u) => u === '/api/v1/tags?made');
    expect(line.requestId).toBe(id);
  });

  it('compresses JSON with gzip', async () => {
    const res = await send(`${gateway}/docs/openapi.json`, {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('gives the API the real client address: a forged X-Forwarded-For changes nothing', async () => {
    const remaining = (res: { headers: Record<string, unknown> }) =>
      Number(/remaining=(\d+)/.exec(String(res.headers.ratelimit))![1]);
    const url = `${gateway}/api/v1/tags`;
    const first = remaining(await send(url, { localAddress: '127.0.0.2' }));
    const forged = remaining(
      await send(url, { localAddress: '127.0.0.2', headers: { 'X-Forwarded-For': '203.0.113.7' } }),
    );
    const other = remaining(await send(url, { localAddress: '127.0.0.3' }));
    expect(forged).toBe(first - 1); // the same counter: 127.0.0.2's
    expect(other).toBe(99_999); // a counter of its own: 127.0.0.3 is another client
  });

  it('limits logins per client with limit_req, answering 429 in the error shape', async () => {
    const login = () =>
      send(`${gateway}/api/v1/users/login`, {
        method: 'POST',
        localAddress: '127.0.0.4',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { email: 'nobody@example.com', password: 'wrong password' } }),
      });
    const answers = await Promise.all(Array.from({ length: 10 }, login));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(4); // a burst of 5 passes, then 10 a minute
    const body = JSON.parse(limited[0].body);
    expect(body).toEqual({
      errors: { body: [expect.any(String)] },
      code: 'RATE_LIMITED',
      requestId: limited[0].headers['x-request-id'],
    });
    expect(limited[0].headers['retry-after']).toBeDefined();
  });

  it('refuses a body past client_max_body_size with 413 in the error shape', async () => {
    const res = await send(`${gateway}/api/v1/articles/x/attachments`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': 60_000_000 },
    });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      errors: { body: [expect.any(String)] },
    });
  });

  it('carries Socket.IO (polling, then the WebSocket upgrade) to one instance', async () => {
    const email = `ws${Date.now()}@example.com`;
    const registered = await send(`${gateway}/api/v1/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        user: { username: `ws${Date.now()}`, email, password: 'correct horse battery' },
      }),
    });
    const { token } = JSON.parse(registered.body).user;
    const socket = connectSocket(gateway, { auth: { token }, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) =>
        socket.once('connect', () => resolve()).once('connect_error', reject),
      );
      await waitFor(() => socket.io.engine.transport.name === 'websocket', 5000, 'the upgrade');
      const ack = await socket
        .timeout(5000)
        .emitWithAck('article:join', { slug: 'no-such-article' });
      expect(ack).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    } finally {
      socket.disconnect();
    }
  });

  it('loses no GET when an instance is killed under load, and answers 503 in the error shape when none is left', async () => {
    const load = steadyLoad(`${gateway}/api/v1/tags`, 8, MANY_CLIENTS);
    await sleep(500);
    apis[1].child.kill('SIGKILL');
    await sleep(1500);
    const result = await load.stop();
    expect(result.errors).toEqual([]);
    expect(result.statuses).toEqual({ 200: result.total });

    apis[0].child.kill('SIGKILL');
    await Promise.all(apis.map((a) => a.exited));
    const down = await send(`${gateway}/api/v1/tags`);
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(JSON.parse(down.body)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});
