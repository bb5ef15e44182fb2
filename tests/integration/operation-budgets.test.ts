/**
 * Database operations per request, side effects included (notifications, emails), against
 * budgets: create ≤ 4, favorite and unfavorite ≤ 4, comment ≤ 4, list page ≤ 5 cold, single
 * article ≤ 4 cold, and no operation at all steady. "Steady" is the usual state: the
 * article, its author and the viewer have been read before, so the cache holds them;
 * "cold" is a cache that holds nothing yet.
 * The figures reached are in docs/PERFORMANCE.md.
 */
import request from 'supertest';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser, unique, type TestUser } from '../helpers/factories';
import { countOperations } from '../helpers/operations';
import { readyRedisClient } from '../helpers/redis';

useTestDatabase();

let app: ReturnType<typeof buildApp>;
beforeAll(async () => {
  const redis = await readyRedisClient();
  app = buildApp(
    { REDIS_KEY_PREFIX: `${unique('budget')}:`, CACHE_LOCAL_TTL_MS: '60000' },
    { redis },
  );
  await app.cache.ready();
});

/** Everything `call` costs on `target`, its side effects (notifications) included. */
async function cost(call: () => PromiseLike<unknown>, target = app) {
  // Earlier requests' side effects are not this one's (counting is process-wide).
  for (const quiet of new Set([app, target])) {
    await quiet.events.settled();
    await quiet.jobRelay.flush();
  }
  return countOperations(async () => {
    await call();
    await target.events.settled();
  });
}

/** A new instance on the same data, its cache empty. */
const coldApp = () => buildApp({ REDIS_KEY_PREFIX: `${unique('cold')}:` });

/** An author with an article, and a reader; each has been seen (and cached) once. */
async function scene() {
  const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
  const article = await createArticle(app, author, { tagList: [unique('budget')] });
  await request(app).get(`/api/v1/articles/${article.slug}`).set('Authorization', reader.auth);
  return { author, reader, slug: article.slug, tag: article.tagList[0] };
}

const as = (user: TestUser) => ({ Authorization: user.auth });

describe('POST /api/v1/articles', () => {
  it('costs at most 4 operations, cold or steady', async () => {
    const author = await createUser(app);
    const post = () =>
      request(app)
        .post('/api/v1/articles')
        .set(as(author))
        .send({ article: { title: unique('Budget '), description: 'd', body: 'b' } })
        .expect(201);
    expect(await cost(post)).toBeLessThanOrEqual(4);
    expect(await cost(post)).toBeLessThanOrEqual(4);
  });
});

describe('POST /api/v1/articles/:slug/favorite', () => {
  it('costs at most 4 operations (the notification included)', async () => {
    const { reader, slug } = await scene();
    const ops = await cost(() =>
      request(app).post(`/api/v1/articles/${slug}/favorite`).set(as(reader)).expect(200),
    );
    expect(ops).toBeLessThanOrEqual(4);
  });
});

describe('DELETE /api/v1/articles/:slug/favorite', () => {
  it('costs at most 4 operations', async () => {
    const { reader, slug } = await scene();
    await request(app).post(`/api/v1/articles/${slug}/favorite`).set(as(reader)).expect(200);
    const ops = await cost(() =>
      request(app).delete(`/api/v1/articles/${slug}/favorite`).set(as(reader)).expect(200),
    );
    expect(ops).toBeLessThanOrEqual(4);
  });
});

describe('POST /api/v1/articles/:slug/comments', () => {
  it('costs at most 4 operations (the notification included)', async () => {
    const { reader, slug } = await scene();
    const ops = await cost(() =>
      request(app)
        .post(`/api/v1/articles/${slug}/comments`)
        .set(as(reader))
        .send({ comment: { body: 'Nice.' } })
        .expect(201),
    );
    expect(ops).toBeLessThanOrEqual(4);
  });
});

describe('GET /api/v1/articles', () => {
  it('costs at most 5 operations cold and anonymous, and none steady for a signed-in viewer', async () => {
    const { reader, tag } = await scene();
    const list = (target: typeof app, user?: TestUser) => () =>
      request(target)
        .get(`/api/v1/articles?tag=${tag}`)
        .set(user ? as(user) : {})
        .expect(200);
    const cold = coldApp();
    expect(await cost(list(cold), cold)).toBeLessThanOrEqual(5);
    await list(app, reader)();
    expect(await cost(list(app, reader))).toBe(0); // the token's user is cached too
  });
});

describe('GET /api/v1/articles/:slug', () => {
  it('costs at most 4 operations cold and anonymous, and none steady for a signed-in viewer', async () => {
    const { reader, slug } = await scene();
    const get = (target: typeof app, user?: TestUser) => () =>
      request(target)
        .get(`/api/v1/articles/${slug}`)
        .set(user ? as(user) : {})
        .expect(200);
    const cold = coldApp();
    expect(await cost(get(cold), cold)).toBeLessThanOrEqual(4);
    expect(await cost(get(app, reader))).toBe(0);
  });
});
