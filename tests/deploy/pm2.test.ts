/**
 * PM2 with the real pm2 (npm): `npm run start:pm2` starts ecosystem.config.js — two
 * cluster workers of the built server sharing one port and one database (`npm run db`).
 * Both serve; `pm2 reload` under steady load loses no request; a killed worker comes back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../helpers/redis';
import {
  ROOT,
  run,
  runAsync,
  send,
  sleep,
  startSharedDatabase,
  steadyLoad,
  tempDir,
  waitFor,
  type SharedDatabase,
} from './helpers';

const PM2 = path.join(ROOT, 'node_modules', '.bin', 'pm2');

interface Pm2Process {
  pid: number;
  pm2_env: { status: string; exec_mode: string; restart_time: number; NODE_APP_INSTANCE: number };
}

let db: SharedDatabase;
let home: string;
let env: NodeJS.ProcessEnv;
let baseUrl: string;

const pm2 = (...args: string[]) => run(PM2, args, env);
const workers = (): Pm2Process[] => JSON.parse(pm2('jlist').output.trim().split('\n').pop()!);
const online = () => workers().filter((w) => w.pm2_env.status === 'online');

beforeAll(async () => {
  db = await startSharedDatabase();
  home = tempDir('pm2');
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PM2_HOME: path.join(home, 'pm2'), // a daemon of its own, never a developer's
    PM2_LOG_DIR: path.join(home, 'logs'),
    PM2_INSTANCES: '2',
    MONGODB_URI: db.uri,
    PORT: String(port),
    LOG_LEVEL: 'http', // access lines, to see which worker answered
    SHUTDOWN_TIMEOUT_MS: '5000',
    REDIS_KEY_PREFIX: `conduit-pm2-${process.pid}:`,
    RATE_LIMIT_MAX: '100000000',
  };
  const started = run('npm', ['run', '--silent', 'start:pm2'], env);
  expect(started.code).toBe(0);
  await waitFor(async () => (await send(`${baseUrl}/health/ready`)).status === 200, 60_000);
}, 120_000);

afterAll(async () => {
  if (env) pm2('kill');
  await db?.stop();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

describe('npm run start:pm2 (ecosystem.config.js)', () => {
  it('runs two cluster workers on one port, and both answer requests', async () => {
    const procs = online();
    expect(procs).toHaveLength(2);
    expect(procs.every((p) => p.pm2_env.exec_mode === 'cluster_mode')).toBe(true);

    for (let i = 0; i < 40; i += 1) expect((await send(`${baseUrl}/api/v1/tags`)).status).toBe(200);
    // One log file per worker; each has access lines.
    const logs = fs
      .readdirSync(path.join(home, 'logs'))
      .filter((f) => /^pm2-out-\d+\.log$/.test(f));
    expect(logs).toHaveLength(2);
    for (const file of logs) {
      const text = fs.readFileSync(path.join(home, 'logs', file), 'utf8');
      expect(text).toMatch(/GET \/api\/v1\/tags 200/);
    }
  });

  // The reload runs beside the load (not spawnSync, which would stall the load's sockets
  // for the seconds a reload takes and blame the server for it), three times in a row.
  it('pm2 reload under steady load loses no request, and replaces every worker, three times', async () => {
    for (let round = 1; round <= 3; round += 1) {
      const before = online().map((p) => p.pid);
      const load = steadyLoad(`${baseUrl}/api/v1/tags`, 8);
      await sleep(500);
      expect((await runAsync(PM2, ['reload', 'conduit'], env)).code).toBe(0);
      await sleep(500);
      const result = await load.stop();

      expect(result.errors).toEqual([]);
      expect(result.statuses).toEqual({ 200: result.total });
      expect(result.total).toBeGreaterThan(200);
      const after = online().map((p) => p.pid);
      expect(after).toHaveLength(2);
      expect(after.some((pid) => before.includes(pid))).toBe(false);
    }
  }, 120_000);

  it('restarts a worker killed with SIGKILL', async () => {
    const [victim] = online();
    const restarts = victim.pm2_env.restart_time;
    process.kill(victim.pid, 'SIGKILL');

    await waitFor(
      () => {
        const procs = online();
        return procs.length === 2 && !procs.some((p) => p.pid === victim.pid);
      },
      30_000,
      'the worker to come back',
    );
    const revived = workers().find(
      (p) => p.pm2_env.NODE_APP_INSTANCE === victim.pm2_env.NODE_APP_INSTANCE,
    )!;
    expect(revived.pm2_env.restart_time).toBe(restarts + 1);
    expect((await send(`${baseUrl}/health/ready`)).status).toBe(200);
  });
});
