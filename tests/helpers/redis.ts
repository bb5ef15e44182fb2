import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import Redis from 'ioredis';
import { closeRedisClient, createRedisClient, type RedisClient } from '../../src/db/redis';

/** The run's Redis (tests/setup/global-setup.ts found or started it). */
const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Redis clients made through this helper are closed after the test file. */
const clients: RedisClient[] = [];
afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => closeRedisClient(c)));
});

export function redisClient(url = SHARED_REDIS_URL): RedisClient {
  const client = createRedisClient(url);
  clients.push(client);
  return client;
}

/** A client that has connected, so the first requests already count in Redis. */
export async function readyRedisClient(url = SHARED_REDIS_URL): Promise<RedisClient> {
  const client = redisClient(url);
  await waitUntilReady(client);
  return client;
}

export async function waitUntilReady(client: RedisClient, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (client.status !== 'ready') {
    if (Date.now() > deadline) throw new Error(`redis not ready after ${ms} ms (${client.status})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A Redis server of the test's own, to stop and start without disturbing others. With
 * `dir`, what `stopRedisServerSaving` saved there is loaded again (a Redis that persists).
 */
export async function startRedisServer(port: number, dir?: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      ...(dir ? ['--dir', dir] : []),
    ],
    {
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 5000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net
        .connect(port, '127.0.0.1', () => resolve(true))
        .on('error', () => resolve(false));
      setTimeout(() => socket.destroy(), 200);
    });
    if (ok) return child;
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Stops a server started with a `dir` after it saved its data there (SHUTDOWN SAVE). */
export async function stopRedisServerSaving(child: ChildProcess, port: number): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const admin = new Redis(port, '127.0.0.1', { retryStrategy: () => null });
  await admin.call('shutdown', 'save').catch(() => undefined); // the connection ends with it
  admin.disconnect();
  await exited;
}
