import jwt from 'jsonwebtoken';
import request from 'supertest';
import { buildApp, testConfig } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createUser, type TestUser } from '../helpers/factories';

useTestDatabase();
const app = buildApp();
const { secret } = testConfig().jwt;

function base64url(value: object) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('auth.required and auth.optional (token handling)', () => {
  let user: TestUser;
  let userId: string;
  beforeAll(async () => {
    user = await createUser(app);
    userId = (jwt.decode(user.token) as jwt.JwtPayload).sub!;
  });

  it('accepts the Bearer scheme as well as Token', async () => {
    await request(app).get('/api/v1/user').set('Authorization', `Bearer ${user.token}`).expect(200);
    await request(app).get('/api/v1/user').set('Authorization', `Token ${user.token}`).expect(200);
  });

  const badTokens: [string, () => string][] = [
    ['expired', () => jwt.sign({}, secret, { subject: userId, expiresIn: -10 })],
    ['signed with another secret', () => jwt.sign({}, 'x'.repeat(40), { subject: userId })],
    [
      'tampered',
      () => {
        const [header, , signature] = user.token.split('.');
        return `${header}.${base64url({ sub: '000000000000000000000000' })}.${signature}`;
      },
    ],
    ['alg none', () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: userId })}.`],
    [
      'validly signed, for a subject that is not a user id',
      () => jwt.sign({ type: 'access', ver: 0 }, secret, { subject: 'not-an-object-id' }),
    ],
    [
      'validly signed, with a string token version',
      () => jwt.sign({ type: 'access', ver: '0' }, secret, { subject: userId }),
    ],
    ['garbage', () => 'not.a.jwt'],
  ];

  it.each(badTokens)(
    'answers 401 to a token that is %s, on required routes',
    async (_name, make) => {
      const res = await request(app).get('/api/v1/user').set('Authorization', `Token ${make()}`);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        errors: { token: [expect.any(String)] },
        requestId: expect.any(String),
      });
    },
  );

  it.each(badTokens)(
    'answers 401 to a token that is %s, also on optional routes',
    async (_name, make) => {
      const res = await request(app)
        .get('/api/v1/articles')
        .set('Authorization', `Token ${make()}`);
      expect(res.status).toBe(401);
    },
  );

  it('names an expired token as such', async () => {
    const expired = jwt.sign({}, secret, { subject: userId, expiresIn: -10 });
    const res = await request(app).get('/api/v1/user').set('Authorization', `Token ${expired}`);
    expect(res.body).toMatchObject({ errors: { token: ['has expired'] }, code: 'TOKEN_EXPIRED' });
  });

  it('answers 401 to an Authorization header of another scheme', async () => {
    const res = await request(app)
      .get('/api/v1/articles')
      .set('Authorization', 'Basic dXNlcjpwYXNz');
    expect(res.status).toBe(401);
    expect(res.body.errors).toEqual({ authorization: ['must be "Token <jwt>" or "Bearer <jwt>"'] });
  });

  it('lets anonymous requests through optional routes', async () => {
    await request(app).get('/api/v1/articles').expect(200);
  });
});

describe('token lifetimes', () => {
  const lifetime = (token: string) => {
    const { iat, exp } = jwt.decode(token) as { iat: number; exp: number };
    return exp - iat;
  };

  it('gives the RealWorld user.token a day (its clients cannot refresh) and /auth tokens 15 minutes', async () => {
    const user = await createUser(app);
    expect(lifetime(user.token)).toBe(24 * 60 * 60);
    const login = await request(app)
      .post('/api/v1/users/login')
      .send({ user: { email: user.email, password: user.password } });
    expect(lifetime(login.body.user.token)).toBe(24 * 60 * 60);
    const pair = await request(app)
      .post('/api/v1/auth/login')
      .send({ user: { email: user.email, password: user.password } });
    expect(lifetime(pair.body.user.token)).toBe(15 * 60);
  });
});

describe('WWW-Authenticate on every 401 (RFC 6750 style)', () => {
  it('offers both schemes when no credential came', async () => {
    const res = await request(app).get('/api/v1/user').expect(401);
    expect(res.headers['www-authenticate']).toBe('Token realm="conduit", Bearer realm="conduit"');
  });

  it('answers in the scheme the client used, with error="invalid_token" for a bad token', async () => {
    const bearer = await request(app).get('/api/v1/user').set('Authorization', 'Bearer not.a.jwt');
    expect(bearer.headers['www-authenticate']).toBe(
      'Bearer realm="conduit", error="invalid_token", error_description="token is invalid"',
    );
    const expired = jwt.sign({ type: 'access' }, secret, {
      subject: '0123456789abcdef01234567',
      expiresIn: -10,
    });
    const token = await request(app).get('/api/v1/user').set('Authorization', `Token ${expired}`);
    expect(token.headers['www-authenticate']).toBe(
      'Token realm="conduit", error="invalid_token", error_description="token has expired"',
    );
  });

  it('comes with wrong login credentials too, without invalid_token', async () => {
    const res = await request(app)
      .post('/api/v1/users/login')
      .send({ user: { email: 'nobody@example.com', password: 'wrong password' } })
      .expect(401);
    expect(res.headers['www-authenticate']).toBe('Token realm="conduit", Bearer realm="conduit"');
  });
});
