/**
 * Dependencies going away under load: the embedded database killed, an external database
 * stopped for seconds, Redis stopped. Prompt 503s (never a 500, never a hang), and
 * recovery without a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApi, UNLIMITED, type ApiProcess } from '../../scripts/lib/api-process';
import { startFerretdb } from '../../src/db/ferretdb';
import { ferretdbCacheDir } from '../helpers/database';
import { freePort, startRedisServer, stopProcess } from '../helpers/redis';
import { call, registerUser, type Answer } from './helpers/client';
import { report } from './helpers/report';

interface Sample {
  at: number;
  status: number;
  ms: number;
}

/** Runs `send` in `concurrency` loops until stopped; every answer is timed. */
function load(send: () => Promise<Answer>, concurrency = 8) {
  const samples: Sample[] = [];
  const errors: string[] = [];
  const started = Date.now();
  let running = true;
  const loops = Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (running) {
        const at = Date.now() - started;
        const res = await send().catch((err: Error) => {
          errors.push(`${err.message}: ${(err.cause as Error | undefined)?.message ?? ''}`);
          return { status: 0, ms: Date.now() - started - at };
        });
        samples.push({ at, status: res.status, ms: res.ms });
      }
    }),
  );
  return {
    samples,
    errors,
    elapsed: () => Date.now() - started,
    async stop() {
      running = false;
      await loops;
      return samples;
    },
  };
}

const count = (samples: Sample[], status: number) =>
  samples.filter((s) => s.status === status).length;
const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;

async function articleTraffic(api: ApiProcess) {
  const user = await registerUser(api.baseUrl, 'outage');
  let n = 0;
  return () =>
    (n += 1) % 2
      ? call(api.baseUrl, 'GET', '/api/v1/articles?limit=10', { auth: user.auth })
      : call(api.baseUrl, 'POST', '/api/v1/articles', {
          auth: user.auth,
          body: { article: { title: `outage ${n}`, description: 'd', body: 'b' } },
        });
}

it('survives a kill -9 of the embedded database under load: 503s or 2xx, never 5xx otherwise', async () => {
  const api = await startApi({ env: UNLIMITED });
  try {
    const traffic = load(await articleTraffic(api));
    await new Promise((r) => setTimeout(r, 1500));
    const killedAt = traffic.elapsed();
    process.kill(
      Number(api.logs.find((l) => l.message === 'embedded FerretDB started')?.pid),
      'SIGKILL',
    );
    await new Promise((r) => setTimeout(r, 4000));
    const samples = await traffic.stop();
    const after = samples.filter((s) => s.at > killedAt);
    const unavailable = after.filter((s) => s.status === 503);
    const recoveredAt = Math.max(...unavailable.map((s) => s.at), killedAt);
    report('embedded-database-killed', {
      requests: samples.length,
      '2xx': samples.filter((s) => s.status >= 200 && s.status < 300).length,
      '503': unavailable.length,
      'other 5xx or no answer':
        samples.filter((s) => s.status >= 500 && s.status !== 503).length + count(samples, 0),
      'slowest 503 (ms)': Math.max(0, ...unavailable.map((s) => s.ms)),
      'kill to last 503 (ms)': recoveredAt - killedAt,
      restarts: api.logs.filter((l) => String(l.message).startsWith('embedded FerretDB restarted'))
        .length,
    });
    expect(samples.every((s) => (s.status >= 200 && s.status < 300) || s.status === 503)).toBe(
      true,
    );
    const lastSecond = samples.filter((s) => s.at > traffic.elapsed() - 1000);
    expect(lastSecond.every((s) => s.status < 300)).toBe(true);
  } finally {
    await api.stop();
  }
});

it('answers promptly with 503 while an external database is down for 5 s, then recovers', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-extdb-'));
  const log = () => undefined;
  let db = await startFerretdb({ dataDir, cacheDir: ferretdbCacheDir, log });
  const port = new URL(db.uri).port;
  const api = await startApi({ env: { ...UNLIMITED, MONGODB_URI: `${db.uri}conduit` } });
  try {
    const traffic = load(await articleTraffic(api));
    await new Promise((r) => setTimeout(r, 1500));
    await db.stop();
    const downAt = traffic.elapsed();
    await new Promise((r) => setTimeout(r, 5000));
    const upAt = traffic.elapsed();
    db = await startFerretdb({
      dataDir,
      cacheDir: ferretdbCacheDir,
      log,
      listenAddr: `127.0.0.1:${port}`,
    });
    await new Promise((r) => setTimeout(r, 8000));
    const samples = await traffic.stop();
    // Once the driver has seen the outage (its heartbeat is 2 s), answers come at once.
    const settled = samples.filter((s) => s.at > downAt + 2500 && s.at < upAt);
    const unavailable = samples.filter((s) => s.status === 503);
    const firstOkAfter = samples.find((s) => s.at > upAt && s.status < 300)?.at ?? Infinity;
    report('external-database-down-5s', {
      requests: samples.length,
      '503': unavailable.length,
      '500 or no answer': count(samples, 500) + count(samples, 0),
      'p95 while down, after detection (ms)': p95(settled.map((s) => s.ms)),
      'answers per second while down': Math.round(settled.length / ((upAt - downAt - 2500) / 1000)),
      'database back to first 2xx (ms)': firstOkAfter - upAt,
      'other answers': samples
        .filter((s) => s.status !== 503 && (s.status < 200 || s.status >= 300))
        .map((s) => s.status),
      'client errors': traffic.errors,
      'answers not 503 while down': settled.filter((s) => s.status !== 503).map((s) => s.status),
      'database log': api.logs
        .filter((l) => String(l.message).startsWith('database'))
        .map((l) => `${String(l.timestamp).slice(17, 23)} ${l.message}`),
      'unexpected errors logged': api.logs
        .filter((l) => l.message === 'unhandled error')
        .map((l) => (l.error as { message?: string } | undefined)?.message),
    });
    expect(samples.every((s) => s.status === 503 || (s.status >= 200 && s.status < 300))).toBe(
      true,
    );
    expect(settled.length).toBeGreaterThan(100); // answers kept coming while it was down
    expect(settled.every((s) => s.status === 503)).toBe(true);
    expect(p95(settled.map((s) => s.ms))).toBeLessThan(500);
    expect(firstOkAfter).toBeLessThan(Infinity);
  } finally {
    await api.stop();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

it('answers cookie-session requests 503 while Redis is down, token requests 200, and recovers', async () => {
  const redisPort = await freePort();
  let redis = await startRedisServer(redisPort);
  const api = await startApi({
    env: { ...UNLIMITED, REDIS_URL: `redis://127.0.0.1:${redisPort}`, LOG_LEVEL: 'info' },
  });
  try {
    const user = await registerUser(api.baseUrl, 'redis');
    const login = () =>
      call(api.baseUrl, 'POST', '/api/v1/auth/session', {
        body: { user: { email: user.email, password: user.password } },
      });
    const first = await login();
    let session = String(first.headers.get('set-cookie')).split(';')[0];
    let n = 0;
    const traffic = load(() =>
      (n += 1) % 2
        ? call(api.baseUrl, 'GET', '/api/v1/user', { auth: user.auth })
        : call(api.baseUrl, 'GET', '/api/v1/user', { headers: { Cookie: session } }),
    );
    await new Promise((r) => setTimeout(r, 1000));
    const downAt = traffic.elapsed();
    await stopProcess(redis);
    await new Promise((r) => setTimeout(r, 3000));
    redis = await startRedisServer(redisPort);
    await new Promise((r) => setTimeout(r, 2500)); // the client reconnects (backoff up to 2 s)
    const relogin = await login(); // the restarted Redis kept nothing
    session = String(relogin.headers.get('set-cookie')).split(';')[0];
    const upAt = traffic.elapsed();
    await new Promise((r) => setTimeout(r, 1500));
    const samples = await traffic.stop();
    const down = samples.filter((s) => s.at > downAt + 200 && s.at < upAt - 2500);
    const outageLines = api.logs.filter((l) => String(l.message).startsWith('redis unavailable'));
    report('redis-down-3s', {
      requests: samples.length,
      '503 (cookie requests while down)': count(down, 503),
      '200 while down': count(down, 200),
      '500 or no answer': count(samples, 500) + count(samples, 0),
      'slowest answer while down (ms)': Math.max(0, ...down.map((s) => s.ms)),
      'outage log lines': outageLines.length,
      'login after Redis is back': relogin.status,
    });
    expect(count(samples, 500) + count(samples, 0)).toBe(0);
    expect(count(down, 503)).toBeGreaterThan(0);
    expect(count(down, 200)).toBeGreaterThan(0); // the token half
    expect(outageLines).toHaveLength(1);
    expect(relogin.status).toBe(200);
    expect(samples.filter((s) => s.at > upAt).every((s) => s.status === 200)).toBe(true);
  } finally {
    await api.stop();
    await stopProcess(redis);
  }
});
