/**
 * Two app instances (as two processes would be: each its own Redis client and Socket.IO
 * server) sharing one Redis through @socket.io/redis-adapter: what happens through one
 * reaches sockets connected to the other — and while Redis is away, each still serves
 * its own sockets, then they find each other again without a restart.
 */
import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser, follow, unique } from '../helpers/factories';
import { connect, disconnection, eventually, listen, type LiveServer } from '../helpers/realtime';
import {
  freePort,
  readyRedisClient,
  startRedisServer,
  stopProcess,
  waitUntilReady,
} from '../helpers/redis';

useTestDatabase();

/** Two instances on one Redis, each with its own client, both subscribed. */
async function cluster(redisUrl?: string) {
  const env = { REDIS_KEY_PREFIX: `${unique('cluster')}:`, SOCKET_DELIVERY_ACK_TIMEOUT_MS: '1000' };
  const [redisA, redisB] = await Promise.all([
    readyRedisClient(redisUrl),
    readyRedisClient(redisUrl),
  ]);
  const appA = buildApp(env, { redis: redisA });
  const appB = buildApp(env, { redis: redisB });
  const [a, b] = await Promise.all([listen(appA), listen(appB)]);
  await bothSubscribed(a, b);
  return { appA, appB, a, b, redisA, redisB };
}

/** The adapters count each other once their subscriptions are in place. */
const bothSubscribed = (a: LiveServer, b: LiveServer) =>
  eventually(async () => {
    const counts = await Promise.all([a, b].map((s) => s.gateway.io.of('/').adapter.serverCount()));
    return counts.every((n) => n === 2);
  }, 10_000);

describe('two instances on one Redis', () => {
  it('a comment posted through instance A reaches a viewer connected to instance B', async () => {
    const { appA, appB, b } = await cluster();
    const author = await createUser(appA);
    const { slug } = await createArticle(appA, author);
    const viewer = await connect(b, appB.asyncApiDocument, { auth: { token: author.token } });
    expect(await viewer.request('article:join', { slug })).toEqual({ ok: true });

    const pushed = viewer.next<{ comment: { body: string } }>('comment:created');
    await request(appA)
      .post(`/api/v1/articles/${slug}/comments`)
      .set('Authorization', author.auth)
      .send({ comment: { body: 'Through A' } })
      .expect(201);
    expect((await pushed).comment.body).toBe('Through A');
  });

  it('notifications, messages with delivery acknowledgements and revocation cross instances', async () => {
    const { appA, appB, a, b } = await cluster();
    const [ana, ben] = await Promise.all([createUser(appA), createUser(appA)]);
    const anaOnA = await connect(a, appA.asyncApiDocument, { auth: { token: ana.token } });
    const benOnB = await connect(b, appB.asyncApiDocument, { auth: { token: ben.token } });

    const notified = benOnB.next('notification');
    await follow(appA, ana, ben.username);
    expect(await notified).toMatchObject({ type: 'follow', actor: { username: ana.username } });
    await follow(appA, ben, ana.username);

    benOnB.socket.on('message', (_m: unknown, received: (r: unknown) => void) => received(true));
    const delivered = anaOnA.next<{ id: string }>('message:delivered');
    const ack = await anaOnA.request<{ message: { id: string } }>('message:send', {
      to: ben.username,
      body: 'Across the cluster',
    });
    expect((await delivered).id).toBe(ack.message.id);

    const closed = disconnection(benOnB.socket);
    await request(appA).post('/api/v1/auth/logout-all').set('Authorization', ben.auth).expect(204);
    expect(await closed).toBe('io server disconnect');
  });

  it('while Redis is down each instance serves its own sockets, without crashing; then they share again', async () => {
    const port = await freePort();
    let redisServer: ChildProcess = await startRedisServer(port);
    const url = `redis://127.0.0.1:${port}`;
    const { appA, appB, a, b, redisA, redisB } = await cluster(url);
    const author = await createUser(appA);
    const { slug } = await createArticle(appA, author);
    const [onA, onB] = await Promise.all(
      [a, b].map((s, i) =>
        connect(s, [appA, appB][i].asyncApiDocument, { auth: { token: author.token } }),
      ),
    );
    await Promise.all([onA, onB].map((c) => c.request('article:join', { slug })));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const comment = (body: string) =>
      request(appA)
        .post(`/api/v1/articles/${slug}/comments`)
        .set('Authorization', author.auth)
        .send({ comment: { body } })
        .expect(201);

    try {
      await stopProcess(redisServer);
      await eventually(() => redisA.status !== 'ready' && redisB.status !== 'ready');
      const local = onA.next<{ comment: { body: string } }>('comment:created');
      await comment('Redis is down');
      expect((await local).comment.body).toBe('Redis is down');
      // Acknowledged pushes ask Redis how many instances listen: that must not reject unhandled.
      await onA.request('message:send', { to: author.username, body: 'self' });
      await new Promise((r) => setTimeout(r, 200));
      expect(onB.received('comment:created')).toEqual([]);

      redisServer = await startRedisServer(port);
      await Promise.all([waitUntilReady(redisA), waitUntilReady(redisB)]);
      await bothSubscribed(a, b);
      const remote = onB.next<{ comment: { body: string } }>('comment:created');
      await comment('Redis is back');
      expect((await remote).comment.body).toBe('Redis is back');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await stopProcess(redisServer);
    }
  });
});
