import { OAuth2Server } from 'oauth2-mock-server';
import request from 'supertest';
import { User } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createUser, unique } from '../helpers/factories';

useTestDatabase();

/** A real OAuth2/OIDC server on a free local port; each test sets the claims it signs. */
const provider = new OAuth2Server();
let claims: Record<string, unknown> = {};
let app: ReturnType<typeof buildApp>;
const REDIRECT = 'http://conduit.test/api/v1/auth/oidc/callback';

beforeAll(async () => {
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  provider.service.on('beforeTokenSigning', (token) => Object.assign(token.payload, claims));
  app = buildApp({
    OIDC_ISSUER_URL: provider.issuer.url!,
    OIDC_CLIENT_ID: 'conduit',
    OIDC_CLIENT_SECRET: 'conduit-secret',
    OIDC_REDIRECT_URI: REDIRECT,
  });
});
afterAll(() => provider.stop());

/** Our login → the provider's authorize endpoint → the callback URL it sends the browser to. */
async function authorize() {
  const start = await request(app).get('/api/v1/auth/oidc/login');
  expect(start.status).toBe(302);
  const cookie = String(start.headers['set-cookie']).split(';')[0];
  const authorizeUrl = new URL(start.headers.location);
  const back = await fetch(authorizeUrl, { redirect: 'manual' });
  const callback = new URL(back.headers.get('location')!);
  expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
  return { cookie, authorizeUrl, callback };
}

const finish = (cookie: string, search: string) =>
  request(app).get(`/api/v1/auth/oidc/callback${search}`).set('Cookie', cookie);

describe('GET /api/v1/auth/oidc/login', () => {
  it('redirects to the provider with PKCE (S256), state and nonce', async () => {
    const { authorizeUrl } = await authorize();
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorizeUrl.searchParams.get('state')).toBeTruthy();
    expect(authorizeUrl.searchParams.get('nonce')).toBeTruthy();
    expect(authorizeUrl.searchParams.get('scope')).toBe('openid email profile');
  });

  it('answers 404 when no provider is configured', async () => {
    const res = await request(buildApp()).get('/api/v1/auth/oidc/login');
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual({ oidc: ['sign-in is not configured'] });
  });
});

describe('GET /api/v1/auth/oidc/callback', () => {
  it('creates a verified local user on first sign-in and issues tokens; the second sign-in finds the same user', async () => {
    const email = `${unique('oidc')}@example.com`;
    claims = {
      sub: unique('sub'),
      email,
      email_verified: true,
      preferred_username: unique('octo'),
    };
    const first = await authorize();
    const res = await finish(first.cookie, first.callback.search);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { email, username: claims.preferred_username, token: expect.any(String) },
      refreshToken: expect.any(String),
    });
    await request(app)
      .get('/api/v1/user')
      .set('Authorization', `Token ${res.body.user.token}`)
      .expect(200);
    const stored = await User.findOne({ email }).lean();
    expect(stored).toMatchObject({
      emailVerified: true,
      identities: [`${provider.issuer.url}|${String(claims.sub)}`],
    });

    const second = await authorize();
    await finish(second.cookie, second.callback.search).expect(200);
    expect(await User.countDocuments({ email })).toBe(1);
  });

  it('links an existing account with the same verified email', async () => {
    const user = await createUser(app);
    claims = { sub: unique('sub'), email: user.email, email_verified: true };
    const { cookie, callback } = await authorize();
    const res = await finish(cookie, callback.search);
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe(user.username);
    expect((await User.findOne({ email: user.email }).lean())!.identities).toHaveLength(1);
  });

  it('refuses an unverified email (403)', async () => {
    claims = { sub: unique('sub'), email: `${unique('x')}@example.com`, email_verified: false };
    const { cookie, callback } = await authorize();
    const res = await finish(cookie, callback.search);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OIDC_EMAIL_UNVERIFIED');
  });

  it('refuses a tampered state (401)', async () => {
    claims = { sub: unique('sub'), email: `${unique('x')}@example.com`, email_verified: true };
    const { cookie, callback } = await authorize();
    callback.searchParams.set('state', 'forged-state');
    const res = await finish(cookie, callback.search);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      code: 'OIDC_INVALID',
      errors: { oidc: [expect.stringMatching(/state mismatch/)] },
    });
  });

  it('refuses an ID token with the wrong nonce (401)', async () => {
    claims = {
      sub: unique('sub'),
      email: `${unique('x')}@example.com`,
      email_verified: true,
      nonce: 'not-the-nonce',
    };
    const { cookie, callback } = await authorize();
    const res = await finish(cookie, callback.search);
    expect(res.status).toBe(401);
    expect(res.body.errors.oidc[0]).toMatch(/nonce mismatch/);
  });

  it('answers 422 naming the parameter, never a 500, to repeated query parameters', async () => {
    claims = { sub: unique('sub'), email: `${unique('x')}@example.com`, email_verified: true };
    const { cookie, callback } = await authorize();
    const code = callback.searchParams.get('code');
    const res = await finish(cookie, `${callback.search}&code=${code}`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ code: ['must be a string'] });
  });

  it('reports a provider error (401) and a callback without a login in progress (400)', async () => {
    claims = {};
    const { cookie, authorizeUrl } = await authorize();
    const state = authorizeUrl.searchParams.get('state');
    const denied = await finish(
      cookie,
      `?error=access_denied&error_description=${encodeURIComponent('the user said no')}&state=${state}`,
    );
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({
      code: 'OIDC_PROVIDER_ERROR',
      errors: { oidc: ['the user said no'] },
    });

    const stray = await request(app).get('/api/v1/auth/oidc/callback?code=x&state=y');
    expect(stray.status).toBe(400);
  });
});
