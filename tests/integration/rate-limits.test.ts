import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createUser, unique } from '../helpers/factories';
import { captureLogs } from '../helpers/log-capture';
import {
  freePort,
  readyRedisClient,
  redisClient,
  startRedisServer,
  stopProcess,
  waitUntilReady,
} from '../helpers/redis';

useTestDatabase();

/** Each test counts under its own key prefix in the shared Redis. */
const freshPrefix = () => `conduit-test-${randomBytes(4).toString('hex')}:`;

function register(app: Parameters<typeof request>[0]) {
  const username = unique('limited');
  return request(app)
    .post('/api/v1/users')
    .send({ user: { username, email: `${username}@example.com`, password: 'long-enough' } });
}

describe('POST /api/v1/users and /users/login: per-IP auth limit', () => {
  it('answers 429 after AUTH_RATE_LIMIT_MAX attempts from one IP', async () => {
    const app = buildApp(
      { AUTH_RATE_LIMIT_MAX: '3', REDIS_KEY_PREFIX: freshPrefix() },
      { redis: await readyRedisClient() },
    );
    for (let i = 0; i < 3; i += 1) expect((await register(app)).status).toBe(201);
    const res = await request(app)
      .post('/api/v1/users/login')
      .send({ user: { email: 'a@b.co', password: 'whatever1' } });
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('POST /api/v1/users/login: lock after repeated failures', () => {
  it('locks the account after LOGIN_MAX_FAILURES wrong passwords, even for the right one; other accounts still log in', async () => {
    const app = buildApp(
      { LOGIN_MAX_FAILURES: '3', REDIS_KEY_PREFIX: freshPrefix() },
      { redis: await readyRedisClient() },
    );
    const [victim, bystander] = await Promise.all([createUser(app), createUser(app)]);
    const login = (email: string, password: string) =>
      request(app).post('/api/v1/users/login').send({ user: { email, password } });

    await login(victim.email, victim.password).expect(200); // successes do not count
    for (let i = 0; i < 3; i += 1) await login(victim.email, 'wrong-password').expect(401);
    const locked = await login(victim.email.toUpperCase(), victim.password);
    expect(locked.status).toBe(429);
    expect(locked.body.errors).toEqual({
      body: ['too many failed logins for this account; try again later'],
    });

    await login(bystander.email, bystander.password).expect(200);
  });

  it('never counts correct logins: 10 concurrent right passwords, three waves, all 200', async () => {
    const app = buildApp(
      { LOGIN_MAX_FAILURES: '5', REDIS_KEY_PREFIX: freshPrefix() },
      { redis: await readyRedisClient() },
    );
    const user = await createUser(app);
    const login = () =>
      request(app)
        .post('/api/v1/users/login')
        .send({ user: { email: user.email, password: user.password } });
    for (let wave = 0; wave < 3; wave += 1) {
      const statuses = (await Promise.all(Array.from({ length: 10 }, login))).map((r) => r.status);
      expect(statuses).toEqual(Array(10).fill(200));
    }
    await login().expect(200);
  });

  it('locks the account for the failing client IP only, and a success clears the count', async () => {
    const app = buildApp(
      { LOGIN_MAX_FAILURES: '2', TRUST_PROXY_HOPS: '1', REDIS_KEY_PREFIX: freshPrefix() },
      { redis: await readyRedisClient() },
    );
    const user = await createUser(app);
    const login = (ip: string, password: string) =>
      request(app)
        .post('/api/v1/users/login')
        .set('X-Forwarded-For', ip)
        .send({ user: { email: user.email, password } });
    await login('198.51.100.7', 'wrong-password').expect(401);
    await login('198.51.100.7', user.password).expect(200); // clears the count
    await login('198.51.100.7', 'wrong-password').expect(401);
    await login('198.51.100.7', 'wrong-password').expect(401);
    const locked = await login('198.51.100.7', user.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // The owner, elsewhere, still gets in: an attacker cannot lock the account for everyone.
    await login('203.0.113.9', user.password).expect(200);
  });
});

describe('POST /api/v1/auth/forgot-password: per-account limit', () => {
  it('answers 429 after LOGIN_MAX_FAILURES requests for one address, whatever the IP', async () => {
    const app = buildApp(
      { LOGIN_MAX_FAILURES: '2', TRUST_PROXY_HOPS: '1', REDIS_KEY_PREFIX: freshPrefix() },
      { redis: await readyRedisClient() },
    );
    const email = `${unique('inbox')}@example.com`;
    const ask = (ip: string) =>
      request(app)
        .post('/api/v1/auth/forgot-password')
        .set('X-Forwarded-For', ip)
        .send({ user: { email } });
    await ask('203.0.113.1').expect(202);
    await ask('203.0.113.2').expect(202);
    const res = await ask('203.0.113.3');
    expect(res.status).toBe(429);
    expect(res.body.errors).toEqual({
      body: ['too many password reset requests for this account; try again later'],
    });
    await request(app)
      .post('/api/v1/auth/forgot-password')
      .send({ user: { email: `other-${email}` } })
      .expect(202);
  });
});

describe('limits shared by two app instances on one Redis', () => {
  it('counts requests to either instance against one budget', async () => {
    const env = { RATE_LIMIT_MAX: '3', REDIS_KEY_PREFIX: freshPrefix() };
    const a = buildApp(env, { redis: await readyRedisClient() });
    const b = buildApp(env, { redis: await readyRedisClient() });
    await request(a).get('/api/v1/tags').expect(200);
    await request(a).get('/api/v1/tags').expect(200);
    await request(b).get('/api/v1/tags').expect(200);
    expect((await request(b).get('/api/v1/tags')).status).toBe(429);
    expect((await request(a).get('/api/v1/tags')).status).toBe(429);
  });

  it('keeps separate budgets without Redis (memory store per instance)', async () => {
    const a = buildApp({ RATE_LIMIT_MAX: '1' });
    const b = buildApp({ RATE_LIMIT_MAX: '1' });
    await request(a).get('/api/v1/tags').expect(200);
    await request(b).get('/api/v1/tags').expect(200);
  });
});

describe('when Redis goes down and comes back', () => {
  it('falls back to per-instance memory limits (logged), then shares limits through Redis again without a restart', async () => {
    const port = await freePort();
    let server = await startRedisServer(port);
    const redis = redisClient(`redis://127.0.0.1:${port}`);
    await waitUntilReady(redis);
    const prefix = freshPrefix();
    const app = buildApp({ RATE_LIMIT_MAX: '2', REDIS_KEY_PREFIX: prefix }, { redis });
    const logs = captureLogs();
    try {
      await request(app).get('/api/v1/tags').expect(200);
      expect(await redis.keys(`${prefix}rl:global:*`)).toHaveLength(1);

      await stopProcess(server);
      // Never a 500 or a hang: the limiter keeps counting, in this instance's memory.
      await request(app).get('/api/v1/tags').expect(200);
      await request(app).get('/api/v1/tags').expect(200);
      await request(app).get('/api/v1/tags').expect(429);
      expect(
        logs.lines.filter((l) => String(l.message).startsWith('redis unavailable')),
      ).toHaveLength(1);

      server = await startRedisServer(port);
      await waitUntilReady(redis);
      await request(app).get('/api/v1/tags').expect(200); // a fresh Redis: count 1 of 2
      expect(logs.lines.some((l) => String(l.message).startsWith('redis reconnected'))).toBe(true);
      expect(await redis.keys(`${prefix}rl:global:*`)).toHaveLength(1);
    } finally {
      logs.restore();
      await stopProcess(server);
    }
  });
});
