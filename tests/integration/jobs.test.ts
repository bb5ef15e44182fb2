/**
 * Jobs over the real broker (the run's RabbitMQ, under names of this file's own): the API
 * stores a job and relays it with publisher confirms; the worker's consumer does it once,
 * retries with backoff, and dead-letters what keeps failing or cannot be read. The worker
 * runs in this process here; tests/resilience/jobs.test.ts kills real worker processes
 * and stops a broker.
 */
import request from 'supertest';
import { createApp } from '../../src/app';
import { connectBroker, type Broker } from '../../src/jobs/broker';
import { createConsumer } from '../../src/jobs/consumer';
import { createJobHandlers } from '../../src/jobs/handlers';
import type { JobHandlers } from '../../src/jobs/job-types';
import { OutboxJob, ProcessedJob, StoredFile } from '../../src/models';
import { testConfig } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser } from '../helpers/factories';
import { png } from '../helpers/files';
import {
  deleteTopology,
  queueDepth,
  takeOne,
  testAmqpUrl,
  uniquePrefix,
} from '../helpers/rabbitmq';
import { startSmtpServer } from '../helpers/smtp';

useTestDatabase();

const url = testAmqpUrl();
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const brokers: Broker[] = [];
const relays: { stop(): Promise<void> }[] = [];
const prefixes: string[] = [];

beforeAll(async () => {
  smtp = await startSmtpServer();
});
// Every test's app drains the one outbox of this file's database: a test's relay must not
// take the next test's jobs to its own queues.
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  await Promise.all(brokers.splice(0).map((b) => b.close()));
});
afterAll(async () => {
  for (const prefix of prefixes)
    await deleteTopology(url, { prefix, retryDelaysMs: [50, 100] }).catch(() => undefined);
  await smtp.close();
});

async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${ms} ms (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * An API app and a worker consumer on a fresh prefix, both connected (so the queues exist);
 * `handlers` replace the real ones.
 */
async function setup(handlers?: (real: JobHandlers) => JobHandlers) {
  const prefix = uniquePrefix('jobs');
  prefixes.push(prefix);
  const config = testConfig({
    AMQP_URL: url,
    JOB_QUEUE_PREFIX: prefix,
    JOB_RETRY_DELAYS_MS: '50,100',
    JOB_MAX_ATTEMPTS: '3',
    SMTP_URL: smtp.url,
    APP_URL: 'http://conduit.test',
    STORAGE_DRIVER: 'gridfs', // API and worker share files through the database
  });
  const apiBroker = connectBroker(url, config.jobs);
  const app = createApp(config, { broker: apiBroker });
  const real = createJobHandlers(app.services);
  const workerBroker = connectBroker(url, config.jobs, {
    onConnect: (model) => consumer.consume(model),
  });
  const consumer = createConsumer(workerBroker, config.jobs, handlers ? handlers(real) : real);
  brokers.push(apiBroker, workerBroker);
  relays.push(app.jobRelay);
  await Promise.all([apiBroker.connected(), workerBroker.connected()]);
  const names = apiBroker.names;
  return { app, apiBroker, consumer, names, config };
}

describe('a job from the API to the worker', () => {
  it('is stored in the request, relayed with confirms, done once by the worker and acknowledged', async () => {
    const { app, names, consumer } = await setup();
    const user = await createUser(app);
    await request(app)
      .post('/api/v1/auth/forgot-password')
      .send({ user: { email: user.email } })
      .expect(202);

    const mail = await smtp.waitFor(user.email, /reset your password/i);
    expect(mail.text).toContain('http://conduit.test/reset-password?token=');
    await smtp.waitFor(user.email, /confirm your email/i); // sign-up's job went the same way
    await consumer.idle();
    expect(await OutboxJob.countDocuments()).toBe(0);
    expect(
      await ProcessedJob.countDocuments({ name: 'email.password-reset' }),
    ).toBeGreaterThanOrEqual(1);
    expect(await queueDepth(url, names.queue)).toBe(0);
    expect(await queueDepth(url, names.dead)).toBe(0);
  });

  it('makes the thumbnail of an uploaded image in the worker', async () => {
    const { app, consumer } = await setup();
    const user = await createUser(app);
    const article = await createArticle(app, user);
    const upload = await request(app)
      .post(`/api/v1/articles/${article.slug}/attachments`)
      .set('Authorization', user.auth)
      .attach('files', await png(640, 480), 'photo.png')
      .expect(201);
    expect(upload.body.attachments[0].thumbnailUrl).toBeNull();
    const listed = await until(
      async () => (await request(app).get(`/api/v1/articles/${article.slug}/attachments`)).body,
      (body) => body.attachments[0].thumbnailUrl !== null,
    );
    await consumer.idle();
    const thumbnailId = new URL(listed.attachments[0].thumbnailUrl).pathname.split('/').pop();
    expect(await StoredFile.countDocuments({ _id: thumbnailId, kind: 'thumbnail' })).toBe(1);
  });

  it('acknowledges a redelivered message without doing the work again', async () => {
    const calls: string[] = [];
    const { app, apiBroker, names, consumer } = await setup((real) => ({
      ...real,
      'email.verification': async ({ userId }) => {
        calls.push(userId);
      },
    }));
    const user = await createUser(app);
    await until(
      () => calls.length,
      (n) => n === 1,
    );
    const [done] = await ProcessedJob.find({ name: 'email.verification' })
      .sort({ processedAt: -1 })
      .limit(1)
      .lean();
    // The relay publishing the same job again (a crash between confirm and delete):
    await apiBroker.publish(
      names.exchange,
      'job',
      Buffer.from(JSON.stringify({ userId: calls[0] })),
      {
        messageId: done._id,
        type: 'email.verification',
        headers: { 'x-attempts': 0 },
      },
    );
    await until(
      () => queueDepth(url, names.queue),
      (n) => n === 0,
    );
    await consumer.idle();
    expect(calls).toHaveLength(1);
    expect(user.username).toEqual(expect.any(String));
  });
});

describe('a job that fails', () => {
  it('is retried after the backoff delays and then succeeds', async () => {
    const attempts: number[] = [];
    const { app } = await setup((real) => ({
      ...real,
      'email.verification': async () => {
        attempts.push(Date.now());
        if (attempts.length < 3) throw new Error('SMTP timeout');
      },
    }));
    await createUser(app);
    await until(
      () => attempts.length,
      (n) => n === 3,
    );
    // Retry tiers of 50 ms then 100 ms (TTL queues dead-lettering back to the job queue).
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(45);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(95);
    expect(
      await ProcessedJob.countDocuments({ name: 'email.verification' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('goes to the dead-letter queue after JOB_MAX_ATTEMPTS, with its attempts and last error', async () => {
    let calls = 0;
    const { app, names } = await setup((real) => ({
      ...real,
      'email.verification': async () => {
        calls += 1;
        throw new Error('mailbox unavailable');
      },
    }));
    await createUser(app);
    await until(
      () => queueDepth(url, names.dead),
      (n) => n === 1,
    );
    expect(calls).toBe(3);
    const dead = await takeOne(url, names.dead);
    expect(dead?.properties.type).toBe('email.verification');
    expect(dead?.properties.headers).toMatchObject({
      'x-attempts': 3,
      'x-last-error': 'mailbox unavailable',
    });
    expect(JSON.parse(dead!.content.toString())).toEqual({ userId: expect.any(String) });
  });

  it('sends a message nobody can read (not JSON, unknown job) to the dead-letter queue at once', async () => {
    const { apiBroker, names } = await setup();
    await apiBroker.publish(names.exchange, 'job', Buffer.from('{not json'), {
      messageId: 'poison-1',
      type: 'email.verification',
    });
    await apiBroker.publish(names.exchange, 'job', Buffer.from('{}'), {
      messageId: 'poison-2',
      type: 'rm -rf',
    });
    await until(
      () => queueDepth(url, names.dead),
      (n) => n === 2,
    );
    const first = await takeOne(url, names.dead);
    expect(first?.properties.headers).toMatchObject({
      'x-attempts': 1,
      'x-last-error': 'the body is not JSON',
    });
  });
});

describe('the broker unreachable', () => {
  it('leaves the API answering and the job in the outbox', async () => {
    const config = testConfig({
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:1',
      JOB_QUEUE_PREFIX: uniquePrefix('down'),
    });
    const broker = connectBroker(config.jobs.amqpUrl!, config.jobs);
    brokers.push(broker);
    const app = createApp(config, { broker });
    relays.push(app.jobRelay);
    const before = await OutboxJob.countDocuments();
    const started = Date.now();
    await createUser(app); // sign-up queues its verification email
    expect(Date.now() - started).toBeLessThan(2000);
    await app.events.settled();
    expect(await OutboxJob.countDocuments()).toBe(before + 1);
    await app.jobRelay.stop();
    await OutboxJob.deleteMany({});
  });
});
