/**
 * Starts what the whole run shares:
 * - one database: MONGODB_URI when set (e.g. a real MongoDB 7), otherwise the embedded
 *   FerretDB on a temp dir; test files each get their own database on it
 *   (tests/helpers/database.ts), so they can run in parallel;
 * - Redis: REDIS_URL when set, else the local one on 127.0.0.1:6379, else a redis-server
 *   started here on a free port. Tests write under their own key prefixes.
 * - RabbitMQ: AMQP_URL when set, else the local one on 127.0.0.1:5672, else a node of our
 *   own. Tests declare queues under their own prefixes.
 * - Jaeger's all-in-one, built once per machine for the tracing test (tools/jaeger).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startFerretdb, type EmbeddedDatabase } from '../../src/db/ferretdb';
import { ensureTool, JAEGER } from '../../scripts/lib/go-tools';
import { portOpen, rabbitNode, type RabbitNode } from '../helpers/rabbitmq';

declare global {
  var __TEST_DB__:
    | { db?: EmbeddedDatabase; dataDir?: string; redis?: ChildProcess; rabbit?: RabbitNode }
    | undefined;
}

function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      resolve(data.toString().startsWith('+PONG'));
      socket.destroy();
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      resolve(false);
      socket.destroy();
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(): Promise<{ url: string; child?: ChildProcess }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL };
  if (await redisAnswers(6379)) return { url: 'redis://127.0.0.1:6379' };
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  child.on('error', () => undefined);
  for (let i = 0; i < 50 && !(await redisAnswers(port)); i += 1)
    await new Promise((r) => setTimeout(r, 100));
  if (!(await redisAnswers(port))) {
    throw new Error(
      'The tests need Redis: run one on 127.0.0.1:6379, set REDIS_URL, or install redis-server.',
    );
  }
  return { url: `redis://127.0.0.1:${port}`, child };
}

async function startRabbit(): Promise<{ url: string; node?: RabbitNode }> {
  if (process.env.AMQP_URL) return { url: process.env.AMQP_URL };
  if (await portOpen(5672)) return { url: 'amqp://guest:guest@127.0.0.1:5672' };
  const node = rabbitNode(await freePort(), await freePort());
  await node.start().catch((err: Error) => {
    throw new Error(
      `The tests need RabbitMQ: run one on 127.0.0.1:5672, set AMQP_URL, or install rabbitmq-server (${err.message}).`,
    );
  });
  return { url: node.url, node };
}

/**
 * Jaeger for the tracing test, built here (minutes, once per machine) rather than inside
 * that test's time limit. A failed build fails that test alone, with its reason.
 */
async function buildJaeger() {
  await ensureTool(JAEGER, 'jaeger').catch((err: Error) => {
    process.env.TEST_JAEGER_BUILD_ERROR = err.message;
  });
}

export default async function globalSetup(): Promise<void> {
  const [redis, rabbit] = await Promise.all([startRedis(), startRabbit()]);
  process.env.TEST_REDIS_URL = redis.url;
  process.env.TEST_AMQP_URL = rabbit.url;
  globalThis.__TEST_DB__ = { redis: redis.child, rabbit: rabbit.node };
  await buildJaeger();

  if (process.env.MONGODB_URI) {
    process.env.TEST_DB_URI = process.env.MONGODB_URI;
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-test-db-'));
  const db = await startFerretdb({
    dataDir,
    cacheDir: loadConfig({ ...process.env, NODE_ENV: 'test' }).db.ferretdbCacheDir,
    log: (m) => process.stderr.write(`${m}\n`),
  });
  Object.assign(globalThis.__TEST_DB__, { db, dataDir });
  process.env.TEST_DB_URI = db.uri;
}
