/**
 * Socket.IO against a real server (socket.io-client over WebSocket): handshakes, the
 * user and article rooms, direct messages with delivery acknowledgements, revocation and
 * the per-socket limits. Every payload received is checked against the AsyncAPI document.
 */
import { Parser } from '@asyncapi/parser';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { Message, User } from '../../src/models';
import { buildApp, testConfig } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser, follow, type TestUser } from '../helpers/factories';
import {
  connect,
  disconnection,
  eventually,
  listen,
  refusal,
  type LiveClient,
  type LiveServer,
} from '../helpers/realtime';

useTestDatabase();
const env = {
  SOCKET_EVENTS_PER_WINDOW: '20',
  SOCKET_MAX_EVENT_BYTES: '2048',
  SOCKET_DELIVERY_ACK_TIMEOUT_MS: '1000',
};
const app = buildApp(env);
const doc = app.asyncApiDocument;
let server: LiveServer;
beforeAll(async () => {
  server = await listen(app);
});

const live = (user: TestUser) => connect(server, doc, { auth: { token: user.token } });
const userId = async (user: TestUser) =>
  (await User.findOne({ username: user.username }).lean())!._id.toString();

async function friends(): Promise<[TestUser, TestUser]> {
  const [a, b] = await Promise.all([createUser(app), createUser(app)]);
  await follow(app, a, b.username);
  await follow(app, b, a.username);
  return [a, b];
}

describe('GET /docs/asyncapi.json', () => {
  it('serves a valid AsyncAPI 3 document naming every client and server event', async () => {
    const res = await request(app).get('/docs/asyncapi.json').expect(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(doc)));
    const diagnostics = await new Parser().validate(JSON.stringify(res.body));
    // 0 = error, 1 = warning; information and hints (2, 3) are allowed.
    expect(diagnostics.filter((d) => d.severity <= 1).map((d) => d.message)).toEqual([]);
    const names = Object.values(res.body.components.messages).map(
      (m) => (m as { name: string }).name,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'notification',
        'comment:created',
        'comment:deleted',
        'message',
        'message:delivered',
        'article:join',
        'article:leave',
        'message:send',
        'message:send acknowledgement',
      ]),
    );
  });
});

describe('GET /live.html', () => {
  it('serves the live page with its scripts from this origin, as the CSP requires', async () => {
    const page = await request(server.url).get('/live.html').expect(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['/socket.io/socket.io.min.js', '/live.js']);
    expect(page.text).not.toMatch(/<script>/);
    for (const script of scripts) {
      const res = await request(server.url).get(script).expect(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
    }
  });
});

describe('socket handshake', () => {
  it('accepts the access token as auth.token and puts the socket in its user room', async () => {
    const user = await createUser(app);
    const client = await live(user);
    expect(client.socket.connected).toBe(true);
    const rooms = await server.gateway.io.in(`user:${await userId(user)}`).fetchSockets();
    expect(rooms.map((s) => s.id)).toEqual([client.socket.id]);
  });

  it('refuses a missing, malformed, expired or revoked token with a clear connect_error', async () => {
    expect(await refusal(server, {})).toEqual({
      message: 'authentication required: send auth: { token }, or sign in with the cookie session',
      data: {
        code: 'AUTH_REQUIRED',
        errors: {
          authentication: ['required: send auth: { token }, or sign in with the cookie session'],
        },
      },
    });
    expect(await refusal(server, { auth: { token: 'not-a-jwt' } })).toMatchObject({
      message: 'token is invalid',
      data: { code: 'TOKEN_INVALID' },
    });
    expect(await refusal(server, { auth: { token: 42 } })).toMatchObject({
      data: { code: 'TOKEN_INVALID' },
    });

    const user = await createUser(app);
    const secret = testConfig().jwt.secret;
    const expired = jwt.sign({ type: 'access', ver: 0 }, secret, {
      subject: await userId(user),
      expiresIn: -10,
    });
    expect(await refusal(server, { auth: { token: expired } })).toMatchObject({
      message: 'token has expired',
      data: { code: 'TOKEN_EXPIRED' },
    });

    await request(app).post('/api/v1/auth/logout-all').set('Authorization', user.auth).expect(204);
    expect(await refusal(server, { auth: { token: user.token } })).toMatchObject({
      message: 'token has been revoked',
      data: { code: 'TOKEN_REVOKED' },
    });
  });

  it('accepts the cookie session from the same origin, refuses it from a foreign one', async () => {
    const user = await createUser(app);
    const login = await request(app)
      .post('/api/v1/auth/session')
      .send({ user: { email: user.email, password: user.password } })
      .expect(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const host = new URL(server.url).host;

    const client = await connect(server, doc, {
      extraHeaders: { cookie, origin: `http://${host}` },
    });
    expect(client.socket.connected).toBe(true);
    expect(
      await refusal(server, { extraHeaders: { cookie, origin: 'https://evil.example' } }),
    ).toMatchObject({ data: { code: 'UNAUTHORIZED', errors: { origin: expect.any(Array) } } });
  });

  it('tells the socket when its token expires, and disconnects it', async () => {
    const user = await createUser(app);
    const shortLived = jwt.sign({ type: 'access', ver: 0 }, testConfig().jwt.secret, {
      subject: await userId(user),
      expiresIn: 2, // whole seconds from a floored iat: 1 to 2 s left, time to connect
    });
    const client = await connect(server, doc, { auth: { token: shortLived } });
    const expired = client.next('auth:expired', 4000);
    const reason = disconnection(client.socket, 4000);
    await expired;
    expect(await reason).toBe('io server disconnect');
  });
});

describe('notification event', () => {
  it('pushes each new notification live: the same object the inbox lists', async () => {
    const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
    const client = await live(author);
    const pushed = client.next('notification');
    await follow(app, reader, author.username);
    const notification = await pushed;
    const inbox = await request(app)
      .get('/api/v1/notifications')
      .set('Authorization', author.auth)
      .expect(200);
    expect(inbox.body.notifications).toEqual([notification]);
    expect(notification).toMatchObject({ type: 'follow', actor: { username: reader.username } });
  });

  it('reaches only the recipient', async () => {
    const [author, bystander, reader] = await Promise.all([1, 2, 3].map(() => createUser(app)));
    const [mine, theirs] = await Promise.all([live(author), live(bystander)]);
    const pushed = mine.next('notification');
    await follow(app, reader, author.username);
    await pushed;
    await app.events.settled();
    expect(theirs.received('notification')).toEqual([]);
  });
});

describe('article rooms (article:join, article:leave)', () => {
  async function joined(user: TestUser, slug: string) {
    const client = await live(user);
    expect(await client.request('article:join', { slug })).toEqual({ ok: true });
    return client;
  }

  it('pushes comment:created and comment:deleted to sockets that joined the article', async () => {
    const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
    const { slug } = await createArticle(app, author);
    const viewer = await joined(reader, slug);

    const created = viewer.next<{ slug: string; comment: { id: string } }>('comment:created');
    const posted = await request(app)
      .post(`/api/v1/articles/${slug}/comments`)
      .set('Authorization', author.auth)
      .send({ comment: { body: 'Live!' } })
      .expect(201);
    expect(await created).toEqual({ slug, comment: posted.body.comment });

    const deleted = viewer.next('comment:deleted');
    await request(app)
      .delete(`/api/v1/articles/${slug}/comments/${posted.body.comment.id}`)
      .set('Authorization', author.auth)
      .expect(204);
    expect(await deleted).toEqual({ slug, commentId: posted.body.comment.id });
  });

  it('stops after article:leave', async () => {
    const author = await createUser(app);
    const { slug } = await createArticle(app, author);
    const viewer = await joined(author, slug);
    expect(await viewer.request('article:leave', { slug })).toEqual({ ok: true });
    await request(app)
      .post(`/api/v1/articles/${slug}/comments`)
      .set('Authorization', author.auth)
      .send({ comment: { body: 'Nobody watching' } })
      .expect(201);
    await app.events.settled();
    expect(viewer.received('comment:created')).toEqual([]);
  });

  it('follows an article to its new slug, and says when it is deleted', async () => {
    const author = await createUser(app);
    const { slug } = await createArticle(app, author);
    const viewer = await joined(author, slug);
    const updated = viewer.next<{ slug: string; previousSlug: string }>('article:updated');
    const renamed = await request(app)
      .put(`/api/v1/articles/${slug}`)
      .set('Authorization', author.auth)
      .send({ article: { title: 'A brand new title' } })
      .expect(200);
    const newSlug = renamed.body.article.slug as string;
    expect(await updated).toEqual({ slug: newSlug, previousSlug: slug });
    await eventually(() => viewer.socket.connected);

    const comment = viewer.next('comment:created');
    await request(app)
      .post(`/api/v1/articles/${newSlug}/comments`)
      .set('Authorization', author.auth)
      .send({ comment: { body: 'After the rename' } })
      .expect(201);
    await comment;

    const deleted = viewer.next('article:deleted');
    await request(app)
      .delete(`/api/v1/articles/${newSlug}`)
      .set('Authorization', author.auth)
      .expect(204);
    expect(await deleted).toEqual({ slug: newSlug });
  });

  it('acknowledges an unknown article with NOT_FOUND and a bad payload with VALIDATION_FAILED', async () => {
    const client = await live(await createUser(app));
    expect(await client.request('article:join', { slug: 'no-such-article' })).toEqual({
      ok: false,
      code: 'NOT_FOUND',
      errors: { article: ['not found'] },
      requestId: expect.any(String),
    });
    expect(await client.request('article:join', { slug: { $gt: '' } })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      errors: { slug: ['must be a string'] },
    });
    expect(await client.request('article:join')).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('direct messages (message:send, message, message:delivered)', () => {
  it('delivers a message sent over the socket; the recipient acknowledges it and the sender hears so', async () => {
    const [ana, ben] = await friends();
    const [anaLive, benLive] = await Promise.all([live(ana), live(ben)]);
    benLive.socket.on('message', (_message: unknown, received: (receipt: unknown) => void) =>
      received(true),
    );
    const arrived = benLive.next<{ id: string; body: string }>('message');
    const delivered = anaLive.next<{ id: string; deliveredAt: string }>('message:delivered');

    const ack = await anaLive.request<{ ok: true; message: { id: string } }>('message:send', {
      to: ben.username,
      body: 'Hi Ben',
    });
    expect(ack).toEqual({
      ok: true,
      message: expect.objectContaining({ from: ana.username, to: ben.username, body: 'Hi Ben' }),
    });
    expect((await arrived).id).toBe(ack.message.id);
    const receipt = await delivered;
    expect(receipt.id).toBe(ack.message.id);
    const stored = await Message.findById(ack.message.id).lean();
    expect(stored!.deliveredAt!.toISOString()).toBe(receipt.deliveredAt);
  });

  it("pushes a message to the sender's other sockets, not back to the one that sent it (it has the acknowledgement)", async () => {
    const [ana, ben] = await friends();
    const [sending, otherTab, benLive] = await Promise.all([live(ana), live(ana), live(ben)]);
    const inOtherTab = otherTab.next<{ id: string }>('message');
    const arrived = benLive.next<{ id: string }>('message');
    const ack = await sending.request<{ ok: true; message: { id: string } }>('message:send', {
      to: ben.username,
      body: 'Hi from one tab',
    });
    expect((await inOtherTab).id).toBe(ack.message.id);
    expect((await arrived).id).toBe(ack.message.id);
    await new Promise((resolve) => setTimeout(resolve, 300)); // time for a stray echo to land
    expect(sending.received('message')).toEqual([]);
  });

  it('pushes a message sent over HTTP too, and leaves it undelivered while nobody acknowledges', async () => {
    const [ana, ben] = await friends();
    const benLive = await live(ben);
    const arrived = benLive.next<{ id: string }>('message'); // Ben's client never acknowledges
    const sent = await request(app)
      .post(`/api/v1/conversations/${ben.username}/messages`)
      .set('Authorization', ana.auth)
      .send({ message: { body: 'Over HTTP' } })
      .expect(201);
    expect((await arrived).id).toBe(sent.body.message.id);
    expect((await Message.findById(sent.body.message.id).lean())!.deliveredAt).toBeNull();
  });

  it('acknowledges a message to a non-friend with FORBIDDEN and stores nothing', async () => {
    const [ana, ben] = await Promise.all([createUser(app), createUser(app)]);
    const client = await live(ana);
    expect(await client.request('message:send', { to: ben.username, body: 'hi' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await Message.countDocuments({ to: await userId(ben) })).toBe(0);
  });
});

describe('revocation', () => {
  it.each([
    [
      'logging out everywhere',
      (u: TestUser) =>
        request(app).post('/api/v1/auth/logout-all').set('Authorization', u.auth).expect(204),
    ],
    [
      'changing the password',
      (u: TestUser) =>
        request(app)
          .put('/api/v1/user')
          .set('Authorization', u.auth)
          .send({ user: { password: 'a whole new passphrase' } })
          .expect(200),
    ],
    [
      'being banned',
      async (u: TestUser) => {
        const admin = await createUser(app);
        await User.updateOne({ username: admin.username }, { $set: { role: 'admin' } });
        return request(app)
          .post(`/api/v1/admin/users/${u.username}/ban`)
          .set('Authorization', admin.auth)
          .expect(200);
      },
    ],
  ])('disconnects every socket of the user on %s', async (_name, revoke) => {
    const user = await createUser(app);
    const [first, second] = await Promise.all([live(user), live(user)]);
    const closed = [disconnection(first.socket), disconnection(second.socket)];
    await revoke(user);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
  });
});

describe('per-socket limits', () => {
  let client: LiveClient;
  beforeEach(async () => {
    client = await live(await createUser(app));
  });

  it('acknowledges events past SOCKET_EVENTS_PER_WINDOW with RATE_LIMITED, and keeps the socket', async () => {
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => client.request('article:leave', { slug: 'x' })),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(20);
    expect(answers.filter((a) => !a.ok)).toEqual(
      Array(5).fill(expect.objectContaining({ ok: false, code: 'RATE_LIMITED' })),
    );
    expect(client.socket.connected).toBe(true);
  });

  it('acknowledges a payload past SOCKET_MAX_EVENT_BYTES with PAYLOAD_TOO_LARGE', async () => {
    const answer = await client.request('message:send', { to: 'someone', body: 'x'.repeat(3000) });
    expect(answer).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    expect(client.socket.connected).toBe(true);
  });

  it('acknowledges an unknown event with UNKNOWN_EVENT, and reports refusals of events without callback', async () => {
    expect(await client.socket.timeout(5000).emitWithAck('admin:everything', {})).toMatchObject({
      ok: false,
      code: 'UNKNOWN_EVENT',
    });
    const reported = client.next('event:error');
    client.socket.emit('article:join', { slug: 42 });
    expect(await reported).toMatchObject({ event: 'article:join', code: 'VALIDATION_FAILED' });
  });

  it('closes the connection of a frame beyond four times the limit, and the server serves on', async () => {
    const reason = disconnection(client.socket);
    client.socket.emit('message:send', { to: 'x', body: 'y'.repeat(20_000) });
    expect(await reason).toBe('transport close');
    const again = await live(await createUser(app));
    expect(await again.request('article:leave', { slug: 'x' })).toEqual({ ok: true });
  });
});
