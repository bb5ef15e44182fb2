import request from 'supertest';
import { User } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createUser, type TestUser } from '../helpers/factories';
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

let app: ReturnType<typeof buildApp>;
let redis: Awaited<ReturnType<typeof readyRedisClient>>;
const prefix = `conduit-test-sess-${Date.now()}:`;
beforeAll(async () => {
  redis = await readyRedisClient();
  app = buildApp({ REDIS_KEY_PREFIX: prefix }, { redis });
});

/** Logs in with a cookie session; returns the cookie and the CSRF token. */
async function sessionLogin(user: TestUser) {
  const res = await request(app)
    .post('/api/v1/auth/session')
    .send({ user: { email: user.email, password: user.password } });
  expect(res.status).toBe(200);
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  return { cookie, csrf: res.body.csrfToken as string, body: res.body };
}

describe('POST /api/v1/auth/session', () => {
  it('sets an httpOnly SameSite session cookie, stores the session in Redis, and returns a CSRF token', async () => {
    const user = await createUser(app);
    const res = await request(app)
      .post('/api/v1/auth/session')
      .send({ user: { email: user.email, password: user.password } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { email: user.email, username: user.username, bio: null, image: null },
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^conduit\.sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(await redis.keys(`${prefix}sess:*`)).not.toHaveLength(0);
  });

  it('answers 401 to wrong credentials, without a cookie', async () => {
    const user = await createUser(app);
    const res = await request(app)
      .post('/api/v1/auth/session')
      .send({ user: { email: user.email, password: 'nope-nope' } });
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('protected routes with a session instead of a token', () => {
  it('reads with the cookie alone', async () => {
    const user = await createUser(app);
    const { cookie } = await sessionLogin(user);
    const res = await request(app).get('/api/v1/user').set('Cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe(user.username);
  });

  it('refuses an unsafe request without the CSRF token (403), accepts it with it', async () => {
    const user = await createUser(app);
    const { cookie, csrf } = await sessionLogin(user);
    const article = { article: { title: 'Via session', description: 'd', body: 'b' } };

    const forged = await request(app).post('/api/v1/articles').set('Cookie', cookie).send(article);
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({
      errors: { csrfToken: ['is missing or invalid'] },
      code: 'CSRF_INVALID',
    });
    const wrong = await request(app)
      .post('/api/v1/articles')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', 'x'.repeat(43))
      .send(article);
    expect(wrong.status).toBe(403);

    const ok = await request(app)
      .post('/api/v1/articles')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .send(article);
    expect(ok.status).toBe(201);
    expect(ok.body.article.author.username).toBe(user.username);
  });

  it('needs no CSRF token for token-authenticated requests', async () => {
    const user = await createUser(app);
    await request(app)
      .put('/api/v1/user')
      .set('Authorization', user.auth)
      .send({ user: { bio: 'token' } })
      .expect(200);
  });

  it('ends the session when the password changes', async () => {
    const user = await createUser(app);
    const { cookie } = await sessionLogin(user);
    await request(app)
      .put('/api/v1/user')
      .set('Authorization', user.auth)
      .send({ user: { password: 'changed-password' } })
      .expect(200);
    await request(app).get('/api/v1/user').set('Cookie', cookie).expect(401);
  });

  it('refuses a banned user’s session (403)', async () => {
    const user = await createUser(app);
    const { cookie } = await sessionLogin(user);
    await User.updateOne({ username: user.username }, { $set: { status: 'banned' } });
    await request(app).get('/api/v1/user').set('Cookie', cookie).expect(403);
  });
});

describe('GET /api/v1/auth/session', () => {
  it('returns the session user and CSRF token; 401 without a session', async () => {
    const user = await createUser(app);
    const { cookie, csrf } = await sessionLogin(user);
    const res = await request(app).get('/api/v1/auth/session').set('Cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.body.csrfToken).toBe(csrf);
    await request(app).get('/api/v1/auth/session').set('Authorization', user.auth).expect(401);
  });
});

describe('DELETE /api/v1/auth/session', () => {
  it('needs the CSRF token, then ends the session (204) and removes it from Redis', async () => {
    const user = await createUser(app);
    const { cookie, csrf } = await sessionLogin(user);
    await request(app).delete('/api/v1/auth/session').set('Cookie', cookie).expect(403);
    const before = (await redis.keys(`${prefix}sess:*`)).length;
    const res = await request(app)
      .delete('/api/v1/auth/session')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf);
    expect(res.status).toBe(204);
    expect((await redis.keys(`${prefix}sess:*`)).length).toBe(before - 1);
    await request(app).get('/api/v1/user').set('Cookie', cookie).expect(401);
  });
});

describe('cookie sessions in production', () => {
  const production = {
    NODE_ENV: 'production',
    MONGODB_URI: 'mongodb://unused:27017/x', // the test database is already connected
    JWT_SECRET: 'j'.repeat(40),
    SESSION_SECRET: 's'.repeat(40),
    SMTP_URL: 'smtp://mail.example.com:587',
    TRUST_PROXY_HOPS: '1',
    AUTH_RATE_LIMIT_MAX: '1000',
  };

  it('refuses a login over plain HTTP (its Secure cookie would never come back), accepts it over HTTPS', async () => {
    const prod = buildApp(production);
    const user = await createUser(app);
    const plain = await request(prod)
      .post('/api/v1/auth/session')
      .send({ user: { email: user.email, password: user.password } });
    expect(plain.status).toBe(400);
    expect(plain.body).toMatchObject({
      code: 'HTTPS_REQUIRED',
      errors: { 'cookie sessions': [expect.stringContaining('HTTPS')] },
    });
    expect(plain.headers['set-cookie']).toBeUndefined();
    const https = await request(prod)
      .post('/api/v1/auth/session')
      .set('X-Forwarded-Proto', 'https')
      .send({ user: { email: user.email, password: user.password } });
    expect(https.status).toBe(200);
    expect(String(https.headers['set-cookie'])).toMatch(/; Secure/);
  });
});

describe('cookie sessions while Redis is down', () => {
  it('answer 503 with Retry-After (one log line per outage), leave token requests alone, and recover without a restart', async () => {
    const port = await freePort();
    let server = await startRedisServer(port);
    const ownRedis = redisClient(`redis://127.0.0.1:${port}`);
    await waitUntilReady(ownRedis);
    const sessionApp = buildApp({ REDIS_KEY_PREFIX: prefix }, { redis: ownRedis });
    const user = await createUser(sessionApp);
    const login = () =>
      request(sessionApp)
        .post('/api/v1/auth/session')
        .send({ user: { email: user.email, password: user.password } });
    const { headers } = await login().expect(200);
    const cookie = String(headers['set-cookie']).split(';')[0];

    const logs = captureLogs();
    try {
      await stopProcess(server);
      for (let i = 0; i < 5; i += 1) {
        const res = await request(sessionApp).get('/api/v1/user').set('Cookie', cookie);
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ errors: { 'session store': ['is unavailable'] } });
        expect(res.headers['retry-after']).toBe('5');
      }
      expect((await login()).status).toBe(503);
      await request(sessionApp).get('/api/v1/user').set('Authorization', user.auth).expect(200);
      const warnings = logs.lines.filter((l) => l.level === 'warn' || l.level === 'error');
      expect(warnings.map((l) => l.message)).toEqual([
        'redis unavailable: the cache reads the database, rate limits count in memory, cookie sessions answer 503, live events stay on this instance',
      ]);

      server = await startRedisServer(port);
      await waitUntilReady(ownRedis);
      // The restarted Redis kept nothing: the old session is gone, a new login works.
      await request(sessionApp).get('/api/v1/user').set('Cookie', cookie).expect(401);
      await login().expect(200);
    } finally {
      logs.restore();
      await stopProcess(server);
    }
  });
});
