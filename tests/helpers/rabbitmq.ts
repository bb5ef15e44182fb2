/**
 * RabbitMQ for the tests: the run's broker (global-setup: AMQP_URL, else the local one on
 * 5672, else a node of our own), names of the test's own on it, and nodes of a test's own
 * to stop and start (the shared broker is never stopped).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import amqplib from 'amqplib';
import { topologyNames, type TopologySettings } from '../../src/jobs/topology';

/** The run's broker (set by global-setup). */
export function testAmqpUrl(): string {
  const url = process.env.TEST_AMQP_URL;
  if (!url) throw new Error('TEST_AMQP_URL is not set: is tests/setup/global-setup.ts configured?');
  return url;
}

export const uniquePrefix = (label: string) =>
  `test-${label}-${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Messages waiting in `queue`. */
export async function queueDepth(url: string, queue: string): Promise<number> {
  const connection = await amqplib.connect(url);
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await connection.close();
  }
}

/** Takes one message off `queue` (acknowledged), or null. */
export async function takeOne(url: string, queue: string) {
  const connection = await amqplib.connect(url);
  try {
    const channel = await connection.createChannel();
    const message = await channel.get(queue, { noAck: true });
    return message || null;
  } finally {
    await connection.close();
  }
}

/** Deletes a test's exchange and queues. */
export async function deleteTopology(url: string, settings: TopologySettings): Promise<void> {
  const names = topologyNames(settings);
  const connection = await amqplib.connect(url);
  try {
    const channel = await connection.createChannel();
    for (const queue of [names.queue, names.dead, ...names.retry.map((r) => r.queue)])
      await channel.deleteQueue(queue);
    await channel.deleteExchange(names.exchange);
  } finally {
    await connection.close();
  }
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export interface RabbitNode {
  url: string;
  /** Starts (again, on the same data) and waits until it takes connections. */
  start(): Promise<void>;
  /** Stops the node and waits for its exit. */
  stop(): Promise<void>;
  /** Stops it for good and removes its data. */
  destroy(): Promise<void>;
}

/**
 * A RabbitMQ node of our own (rabbitmq-server from Debian), on the given ports, with its
 * data in a temp dir: durable queues survive its restarts, as on a real server.
 */
export function rabbitNode(port: number, distPort: number): RabbitNode {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-rabbit-'));
  fs.chmodSync(dir, 0o777); // the server may drop to the rabbitmq user
  fs.writeFileSync(path.join(dir, 'rabbitmq.conf'), `listeners.tcp.default = 127.0.0.1:${port}\n`);
  fs.writeFileSync(path.join(dir, 'enabled_plugins'), '[].\n');
  const name = `conduit-test-${port}@localhost`;
  let child: ChildProcess | undefined;

  const node: RabbitNode = {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    async start() {
      child = spawn('rabbitmq-server', [], {
        env: {
          ...process.env,
          RABBITMQ_NODENAME: name,
          RABBITMQ_NODE_PORT: String(port),
          RABBITMQ_DIST_PORT: String(distPort),
          RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq'),
          RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
          RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
          RABBITMQ_LOG_BASE: path.join(dir, 'log'),
          RABBITMQ_PID_FILE: path.join(dir, 'pid'),
        },
        stdio: 'ignore',
      });
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (await portOpen(port)) {
          try {
            await (await amqplib.connect(node.url)).close();
            return;
          } catch {
            // listening, not yet accepting logins
          }
        }
        if (child.exitCode !== null) throw new Error(`rabbitmq-server exited (${child.exitCode})`);
        if (Date.now() > deadline) throw new Error('rabbitmq-server did not start in 60 s');
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      // The server drops to the rabbitmq user under its own session: ask the node itself.
      await new Promise((resolve) =>
        execFile('rabbitmqctl', ['-n', name, 'stop'], { timeout: 30_000 }, resolve),
      );
      await exited;
      while (await portOpen(port)) await new Promise((r) => setTimeout(r, 100));
    },
    async destroy() {
      await node.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return node;
}
