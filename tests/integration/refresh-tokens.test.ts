import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { RefreshToken, User } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createUser, type TestUser } from '../helpers/factories';

useTestDatabase();
const app = buildApp();

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

async function login(user: TestUser) {
  const res = await request(app)
    .post('/api/v1/auth/login')
    .send({ user: { email: user.email, password: user.password } });
  expect(res.status).toBe(200);
  return res;
}

const refresh = (refreshToken: string) =>
  request(app).post('/api/v1/auth/refresh').send({ refreshToken });

describe('POST /api/v1/auth/login', () => {
  it('issues a short-lived access token and a refresh token, in the body and an httpOnly cookie; stores only its hash', async () => {
    const user = await createUser(app);
    const res = await login(user);
    expect(res.body).toEqual({
      user: expect.objectContaining({ username: user.username, token: expect.any(String) }),
      refreshToken: expect.stringMatching(/^[\w-]{43}$/),
      refreshTokenExpiresAt: expect.any(String),
    });
    const access = jwt.decode(res.body.user.token) as jwt.JwtPayload;
    expect(access.type).toBe('access');
    expect(access.exp! - access.iat!).toBe(15 * 60);

    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^refreshToken=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/);

    const stored = await RefreshToken.findOne({ tokenHash: hash(res.body.refreshToken) }).lean();
    expect(stored).toMatchObject({ revokedAt: null, family: expect.any(String) });
    expect(await RefreshToken.countDocuments({ tokenHash: res.body.refreshToken })).toBe(0);
  });

  it('answers 401 to wrong credentials', async () => {
    const user = await createUser(app);
    await request(app)
      .post('/api/v1/auth/login')
      .send({ user: { email: user.email, password: 'wrong-one' } })
      .expect(401);
  });
});

describe('POST /api/v1/auth/refresh', () => {
  it('rotates: a new pair, the old refresh token revoked, the new access token works', async () => {
    const user = await createUser(app);
    const first = (await login(user)).body;
    const res = await refresh(first.refreshToken);
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).not.toBe(first.refreshToken);
    await request(app)
      .get('/api/v1/user')
      .set('Authorization', `Token ${res.body.user.token}`)
      .expect(200);

    const old = await RefreshToken.findOne({ tokenHash: hash(first.refreshToken) }).lean();
    const next = await RefreshToken.findOne({ tokenHash: hash(res.body.refreshToken) }).lean();
    expect(old!.revokedAt).toBeInstanceOf(Date);
    expect(next).toMatchObject({ family: old!.family, revokedAt: null, parent: old!.tokenHash });
  });

  it('accepts the refresh token from the cookie alone', async () => {
    const user = await createUser(app);
    const { refreshToken } = (await login(user)).body;
    const res = await request(app)
      .post('/api/v1/auth/refresh')
      .set('Cookie', `refreshToken=${refreshToken}`)
      .send({});
    expect(res.status).toBe(200);
  });

  it('detects reuse of a spent token and revokes the whole family', async () => {
    const user = await createUser(app);
    const stolen = (await login(user)).body.refreshToken;
    const legit = (await refresh(stolen)).body.refreshToken;

    const replay = await refresh(stolen);
    expect(replay.status).toBe(401);
    expect(replay.body.errors.refreshToken[0]).toMatch(/already used/);
    // the legitimate successor died with its family
    expect((await refresh(legit)).status).toBe(401);
    const family = (await RefreshToken.findOne({ tokenHash: hash(stolen) }).lean())!.family;
    expect(await RefreshToken.countDocuments({ family, revokedAt: null })).toBe(0);
  });

  it('lets only one of two concurrent rotations of the same token win, and revokes the family', async () => {
    const user = await createUser(app);
    const token = (await login(user)).body.refreshToken;
    const statuses = (await Promise.all([refresh(token), refresh(token)]))
      .map((r) => r.status)
      .sort();
    expect(statuses).toContain(401);
    const family = (await RefreshToken.findOne({ tokenHash: hash(token) }).lean())!.family;
    expect(await RefreshToken.countDocuments({ family, revokedAt: null })).toBe(0);
  });

  it('answers 401 to an unknown, expired or missing token', async () => {
    await refresh('x'.repeat(43)).expect(401);
    const user = await createUser(app);
    const { refreshToken } = (await login(user)).body;
    await RefreshToken.updateOne(
      { tokenHash: hash(refreshToken) },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    await refresh(refreshToken).expect(401);
    const missing = await request(app).post('/api/v1/auth/refresh').send({});
    expect(missing.status).toBe(401);
    expect(missing.body.errors).toEqual({ refreshToken: ['is required'] });
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('revokes this login only: 204, its tokens dead, other logins alive', async () => {
    const user = await createUser(app);
    const laptop = (await login(user)).body.refreshToken;
    const phone = (await login(user)).body.refreshToken;
    const res = await request(app).post('/api/v1/auth/logout').send({ refreshToken: laptop });
    expect(res.status).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/refreshToken=;/);
    await refresh(laptop).expect(401);
    await refresh(phone).expect(200);
  });
});

describe('POST /api/v1/auth/logout-all', () => {
  it('revokes every login and every access token of the user', async () => {
    const user = await createUser(app);
    const a = (await login(user)).body;
    const b = (await login(user)).body;
    await request(app)
      .post('/api/v1/auth/logout-all')
      .set('Authorization', `Token ${a.user.token}`)
      .expect(204);
    await refresh(a.refreshToken).expect(401);
    await refresh(b.refreshToken).expect(401);
    const res = await request(app)
      .get('/api/v1/user')
      .set('Authorization', `Token ${b.user.token}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_REVOKED');
  });

  it('answers 401 without a token', async () => {
    await request(app).post('/api/v1/auth/logout-all').expect(401);
  });
});

describe('a password change (PUT /api/v1/user)', () => {
  it('revokes every refresh token and every older access token, and hands back a working one', async () => {
    const user = await createUser(app);
    const session = (await login(user)).body;
    const res = await request(app)
      .put('/api/v1/user')
      .set('Authorization', `Token ${session.user.token}`)
      .send({ user: { password: 'brand-new-password' } });
    expect(res.status).toBe(200);
    await refresh(session.refreshToken).expect(401);
    await request(app)
      .get('/api/v1/user')
      .set('Authorization', `Token ${session.user.token}`)
      .expect(401);
    await request(app)
      .get('/api/v1/user')
      .set('Authorization', `Token ${res.body.user.token}`)
      .expect(200);
  });
});

describe('expired refresh tokens', () => {
  it('are removed by the sweep (FerretDB v1 has no TTL indexes)', async () => {
    const user = await createUser(app);
    const { refreshToken } = (await login(user)).body;
    await RefreshToken.updateOne(
      { tokenHash: hash(refreshToken) },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    expect(await app.services.refreshTokens.sweepExpired()).toBeGreaterThanOrEqual(1);
    expect(await RefreshToken.countDocuments({ tokenHash: hash(refreshToken) })).toBe(0);
    expect(await User.countDocuments({ username: user.username })).toBe(1);
  });
});
