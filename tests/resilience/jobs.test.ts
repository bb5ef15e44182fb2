/**
 * The worker and the broker as real processes: the built API and worker on one database,
 * RabbitMQ a node of this test's own. A worker killed with SIGKILL mid-job: the job is
 * redelivered and done once. SIGTERM mid-job: the job is finished first. The broker stopped: the API answers at once and keeps the
 * job; after the broker is back, API and worker reconnect by themselves and the job is done.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import {
  startApi,
  startWorker,
  UNLIMITED,
  type ApiProcess,
  type WorkerProcess,
} from '../../scripts/lib/api-process';
import { startFerretdb, type EmbeddedDatabase } from '../../src/db/ferretdb';
import { ferretdbCacheDir } from '../helpers/database';
import { rabbitNode, type RabbitNode } from '../helpers/rabbitmq';
import { freePort } from '../helpers/redis';
import { call, registerUser } from './helpers/client';
import { report } from './helpers/report';

/** An SMTP server that takes `delayMs` to accept each message; counts only the accepted. */
async function slowSmtp(delayMs: number) {
  const accepted: string[] = [];
  let receiving = 0;
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose: (session) => closed.add(session.id),
    onData(stream, session, callback) {
      receiving += 1;
      stream.resume();
      stream.on('end', () =>
        setTimeout(() => {
          if (closed.has(session.id)) return callback(new Error('client gone'));
          accepted.push(session.envelope.rcptTo.map((r) => r.address).join(','));
          callback();
        }, delayMs),
      );
    },
  });
  // Workers here are killed with their SMTP connection open (mid-message, and at the end):
  // the server sees the reset. Anything else still fails the suite.
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET') throw err;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    accepted,
    receiving: () => receiving,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(check: () => boolean | Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let node: RabbitNode;
let db: EmbeddedDatabase;
let dataDir: string;
let smtp: Awaited<ReturnType<typeof slowSmtp>>;
let api: ApiProcess;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-jobs-'));
  node = rabbitNode(await freePort(), await freePort());
  [db, smtp] = await Promise.all([
    startFerretdb({ dataDir, cacheDir: ferretdbCacheDir, log: () => undefined }),
    slowSmtp(1500),
    node.start(),
  ]);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop('SIGKILL')));
  await api?.stop();
  await smtp?.close();
  await node?.destroy();
  await db?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({
  MONGODB_URI: `${db.uri}conduit`,
  AMQP_URL: node.url,
  JOB_QUEUE_PREFIX: 'conduit-resilience',
  JOB_RETRY_DELAYS_MS: '500,1000',
  SMTP_URL: smtp.url,
  APP_URL: 'http://conduit.test',
});

async function worker() {
  const started = await startWorker(env());
  workers.push(started);
  return started;
}

it('redelivers the job of a worker killed mid-job, and it is done once', async () => {
  api = await startApi({ env: { ...UNLIMITED, ...env() } });
  const first = await worker();
  const user = await registerUser(api.baseUrl, 'jobkill'); // queues its verification email

  await until(() => smtp.receiving() >= 1, 20_000, 'the worker to start sending');
  first.child.kill('SIGKILL'); // mid-job: the message is unacknowledged
  await first.exited;
  const second = await worker();

  await until(() => smtp.accepted.includes(user.email), 20_000, 'the email after redelivery');
  await new Promise((r) => setTimeout(r, 2500)); // time for a duplicate to show up
  expect(smtp.accepted.filter((to) => to === user.email)).toHaveLength(1);
  expect(second.logs.some((l) => l.message === 'job done')).toBe(true);
  report('worker killed mid-job', { redeliveredAndDoneOnce: true, smtpAttempts: smtp.receiving() });
  await second.stop();
});

it('on SIGTERM finishes the job in hand before it exits 0; nothing is redelivered', async () => {
  const stopping = await worker();
  const user = await registerUser(api.baseUrl, 'jobterm');
  const before = smtp.receiving();
  await until(() => smtp.receiving() > before, 20_000, 'the worker to start sending');
  const code = await stopping.stop('SIGTERM'); // mid-job
  expect(code).toBe(0);
  expect(smtp.accepted.filter((to) => to === user.email)).toHaveLength(1);
  expect(stopping.logs.some((l) => l.message === 'job done')).toBe(true);

  const next = await worker(); // a redelivery would send it again
  await new Promise((r) => setTimeout(r, 2500));
  expect(smtp.accepted.filter((to) => to === user.email)).toHaveLength(1);
  await next.stop();
});

it('keeps answering with the broker stopped, and delivers the job once it is back', async () => {
  const running = await worker();
  const user = await registerUser(api.baseUrl, 'brokerdown');
  await until(() => smtp.accepted.includes(user.email), 20_000, 'the sign-up email');

  await node.stop();
  const started = Date.now();
  const answer = await call(api.baseUrl, 'POST', '/api/v1/auth/forgot-password', {
    body: { user: { email: user.email } },
  });
  const answeredMs = Date.now() - started;
  expect(answer.status).toBe(202);
  expect(answeredMs).toBeLessThan(1000);
  await until(
    () => api.logs.some((l) => l.message.startsWith('job relay stalled')),
    10_000,
    'the relay to stall',
  );

  const downAt = Date.now();
  await node.start();
  await until(
    () => smtp.accepted.filter((to) => to === user.email).length === 2,
    30_000,
    'the reset email',
  );
  const deliveredAfterMs = Date.now() - downAt;
  expect(running.logs.some((l) => l.message === 'message broker reconnected')).toBe(true);
  expect(api.logs.some((l) => l.message === 'job relay resumed: outbox delivered')).toBe(true);
  await new Promise((r) => setTimeout(r, 2000));
  expect(smtp.accepted.filter((to) => to === user.email)).toHaveLength(2); // sign-up + reset, once each
  report('broker stopped', { answeredMs, deliveredAfterBrokerStartMs: deliveredAfterMs });
});
