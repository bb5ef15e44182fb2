/**
 * The links the API gives out (here an avatar's URL; emailed links use the same base,
 * src/utils/public-url.ts): APP_URL when set; else the host a trusted proxy forwarded;
 * else localhost at the port the server listens on — never a direct client's say-so.
 */
import request from 'supertest';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createUser } from '../helpers/factories';
import { png } from '../helpers/files';

useTestDatabase();

/** The origin of the avatar URL an upload answers, with these request headers. */
async function avatarOrigin(
  app: ReturnType<typeof buildApp>,
  headers: Record<string, string> = {},
) {
  const user = await createUser(app);
  const res = await request(app)
    .put('/api/v1/user/image')
    .set('Authorization', user.auth)
    .set(headers)
    .attach('image', await png(), 'me.png');
  expect(res.status).toBe(200);
  return new URL(res.body.user.image as string).origin;
}

const FORWARDED = { 'X-Forwarded-Host': 'api.example.com', 'X-Forwarded-Proto': 'https' };

describe('PUT /api/v1/user/image (the links it gives out)', () => {
  it('links at the port the server listens on when APP_URL is unset', async () => {
    const app = buildApp();
    app.publicUrl.listeningOn(4321);
    expect(await avatarOrigin(app)).toBe('http://localhost:4321');
  });

  it('links at the forwarded host and protocol behind a trusted proxy', async () => {
    const app = buildApp({ TRUST_PROXY_HOPS: '1' });
    expect(await avatarOrigin(app, FORWARDED)).toBe('https://api.example.com');
  });

  it('ignores X-Forwarded-Host from a client that is not a trusted proxy, and one that is not a bare host', async () => {
    const direct = buildApp();
    direct.publicUrl.listeningOn(4321);
    expect(await avatarOrigin(direct, FORWARDED)).toBe('http://localhost:4321');
    const proxied = buildApp({ TRUST_PROXY_HOPS: '1' });
    proxied.publicUrl.listeningOn(4321);
    for (const host of ['evil.example/path', 'user@evil.example', 'evil.example?x=1'])
      expect(await avatarOrigin(proxied, { 'X-Forwarded-Host': host })).toBe(
        'http://localhost:4321',
      );
  });

  it('links at APP_URL when it is set, whatever the request says', async () => {
    const app = buildApp({ APP_URL: 'https://conduit.example.org/', TRUST_PROXY_HOPS: '1' });
    expect(await avatarOrigin(app, FORWARDED)).toBe('https://conduit.example.org');
  });
});
