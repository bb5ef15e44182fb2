import request from 'supertest';
import { AccountToken, User } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createUser, unique } from '../helpers/factories';
import { captureLogs } from '../helpers/log-capture';
import { linkIn, startSmtpServer } from '../helpers/smtp';

useTestDatabase();

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let app: ReturnType<typeof buildApp>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  app = buildApp({ SMTP_URL: smtp.url, APP_URL: 'http://conduit.test' });
});
afterAll(() => smtp.close());

describe('GET /api/v1/auth/verify-email (the emailed link)', () => {
  it('registration emails a link; following it verifies the address, once', async () => {
    const user = await createUser(app);
    expect((await User.findOne({ username: user.username }).lean())!.emailVerified).toBe(false);

    const mail = await smtp.waitFor(user.email, /confirm your email/i);
    const link = linkIn(mail);
    expect(link.origin).toBe('http://conduit.test');
    expect(link.pathname).toBe('/api/v1/auth/verify-email');

    const res = await request(app).get(`${link.pathname}${link.search}`);
    expect(res.status).toBe(200);
    expect((await User.findOne({ username: user.username }).lean())!.emailVerified).toBe(true);
    // single use
    const again = await request(app).get(`${link.pathname}${link.search}`);
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual({ token: ['is invalid, expired or already used'] });
  });

  it('stores only a hash of the token, and refuses an expired one', async () => {
    const user = await createUser(app);
    const token = linkIn(await smtp.waitFor(user.email, /confirm/i)).searchParams.get('token')!;
    expect(await AccountToken.countDocuments({ tokenHash: token })).toBe(0);
    await AccountToken.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    await request(app).get(`/api/v1/auth/verify-email?token=${token}`).expect(400);
  });

  it('answers 422 without a token', async () => {
    await request(app).get('/api/v1/auth/verify-email').expect(422);
  });
});

describe('POST /api/v1/auth/verify-email/request', () => {
  it('sends a fresh link on demand (202), and 401 without a token', async () => {
    const user = await createUser(app);
    await smtp.waitFor(user.email, /confirm/i);
    const before = smtp.messages.length;
    await request(app)
      .post('/api/v1/auth/verify-email/request')
      .set('Authorization', user.auth)
      .expect(202);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages.length).toBe(before + 1);
    await request(app).post('/api/v1/auth/verify-email/request').expect(401);
  });
});

describe('POST /api/v1/auth/forgot-password', () => {
  it('answers the same for a registered and an unknown address, and emails only the registered one', async () => {
    const user = await createUser(app);
    const known = await request(app)
      .post('/api/v1/auth/forgot-password')
      .send({ user: { email: user.email } });
    const unknownEmail = `${unique('nobody')}@example.com`;
    const unknown = await request(app)
      .post('/api/v1/auth/forgot-password')
      .send({ user: { email: unknownEmail } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    await smtp.waitFor(user.email, /reset your password/i);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages.some((m) => JSON.stringify(m.to).includes(unknownEmail))).toBe(false);
  });
});

describe('POST /api/v1/auth/reset-password', () => {
  it('sets the new password from the emailed link, signs out everywhere, and the token works once', async () => {
    const user = await createUser(app);
    const session = (
      await request(app)
        .post('/api/v1/auth/login')
        .send({ user: { email: user.email, password: user.password } })
    ).body;
    await request(app)
      .post('/api/v1/auth/forgot-password')
      .send({ user: { email: user.email } })
      .expect(202);
    const token = linkIn(await smtp.waitFor(user.email, /reset your password/i)).searchParams.get(
      'token',
    )!;

    const reset = () =>
      request(app)
        .post('/api/v1/auth/reset-password')
        .send({ token, user: { password: 'the-new-password' } });
    expect((await reset()).status).toBe(204);
    expect((await reset()).status).toBe(400);

    await request(app)
      .post('/api/v1/users/login')
      .send({ user: { email: user.email, password: 'the-new-password' } })
      .expect(200);
    await request(app)
      .post('/api/v1/users/login')
      .send({ user: { email: user.email, password: user.password } })
      .expect(401);
    await request(app)
      .get('/api/v1/user')
      .set('Authorization', `Token ${session.user.token}`)
      .expect(401);
    await request(app)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(401);
  });

  it('answers 400 to an unknown token and 422 to a short password', async () => {
    await request(app)
      .post('/api/v1/auth/reset-password')
      .send({ token: 'x'.repeat(43), user: { password: 'long-enough-pw' } })
      .expect(400);
    const res = await request(app)
      .post('/api/v1/auth/reset-password')
      .send({ token: 'x', user: { password: 'short' } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ password: ['length must be at least 8 characters long'] });
  });
});

describe('secrets in logs', () => {
  /** Runs `flow` with the logs captured; returns everything logged as one string. */
  async function loggedDuring(flow: () => Promise<void>): Promise<string> {
    const logs = captureLogs();
    try {
      await flow();
      await app.events.settled();
    } finally {
      logs.restore();
    }
    return JSON.stringify(logs.lines);
  }

  it('the verify-email and reset-password flows log neither a token nor a link (SMTP)', async () => {
    const user = await createUser(app);
    let tokens: string[] = [];
    const logged = await loggedDuring(async () => {
      const verify = linkIn(await smtp.waitFor(user.email, /confirm/i));
      await request(app).get(`${verify.pathname}${verify.search}`).expect(200);
      await request(app)
        .post('/api/v1/auth/forgot-password')
        .send({ user: { email: user.email } })
        .expect(202);
      const reset = linkIn(await smtp.waitFor(user.email, /reset your password/i));
      await request(app)
        .post('/api/v1/auth/reset-password')
        .send({ token: reset.searchParams.get('token'), user: { password: 'the-new-password' } })
        .expect(204);
      tokens = [verify.searchParams.get('token')!, reset.searchParams.get('token')!];
    });
    expect(logged).toContain('GET /api/v1/auth/verify-email?token=REDACTED 200');
    for (const token of tokens) expect(logged).not.toContain(token);
  });

  it('without SMTP_URL, logs recipient and subject only — no link, no token', async () => {
    const noSmtp = buildApp({ APP_URL: 'http://conduit.test' });
    const email = `${unique('nomail')}@example.com`;
    const logged = await loggedDuring(async () => {
      await request(noSmtp)
        .post('/api/v1/users')
        .send({ user: { username: unique('nomail'), email, password: 'correct horse battery' } })
        .expect(201);
      await request(noSmtp).post('/api/v1/auth/forgot-password').send({ user: { email } });
      await new Promise((r) => setTimeout(r, 100)); // the reset email is not awaited
    });
    const stored = await AccountToken.countDocuments({
      user: (await User.findOne({ email }))!._id,
    });
    expect(stored).toBe(2); // both links were made...
    expect(logged).toContain('Confirm your email address');
    expect(logged).toContain('Reset your password');
    expect(logged).not.toContain('conduit.test/'); // ...and neither reached the log
    expect(logged).not.toMatch(/token=/);
  });
});
