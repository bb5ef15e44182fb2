import request from 'supertest';
import { User } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createUser, type TestUser } from '../helpers/factories';
import { readyRedisClient } from '../helpers/redis';

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
