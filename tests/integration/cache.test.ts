/**
 * The read cache seen from outside: repeated reads cost no database operation, every
 * write is visible on the next read (on this instance and on another sharing Redis),
 * viewer flags never leak through a shared entry, and a Redis outage changes nothing a
 * client can see.
 */
import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { closeRedisClient } from '../../src/db/redis';
import { Favorite } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser, favorite, follow, unique } from '../helpers/factories';
import { png } from '../helpers/files';
import { captureLogs } from '../helpers/log-capture';
import { operationsDuring } from '../helpers/operations';
import {
  freePort,
  readyRedisClient,
  redisClient,
  startRedisServer,
  stopProcess,
  waitUntilReady,
} from '../helpers/redis';

useTestDatabase();

/** Apps sharing one Redis key space, as instances of one deployment do. */
async function instances(count: number, env: Record<string, string> = {}) {
  const redis = await readyRedisClient();
  const prefix = `${unique('cache')}:`;
  const apps = Array.from({ length: count }, () =>
    buildApp({ REDIS_KEY_PREFIX: prefix, CACHE_LOCAL_TTL_MS: '60000', ...env }, { redis }),
  );
  everyApp.push(...apps);
  await Promise.all(apps.map((a) => a.cache.ready()));
  return apps;
}

type App = ReturnType<typeof buildApp>;

/** Every app of this file: operations are counted process-wide, so all of them must be quiet. */
const everyApp: App[] = [];

/**
 * Waits for the side effects of earlier requests (emails, notifications) in every app of
 * the file, earlier tests' too: they are not the next request's.
 */
async function quiet() {
  for (const app of everyApp) {
    await app.events.settled();
    await app.jobRelay.flush();
  }
}

async function until(check: () => Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const getArticle = (app: App, slug: string, auth?: string) => {
  const call = request(app).get(`/api/v1/articles/${slug}`);
  return (auth ? call.set('Authorization', auth) : call).expect(200).then((r) => r.body.article);
};
const listByTag = (app: App, tag: string, auth?: string) => {
  const call = request(app).get(`/api/v1/articles?tag=${tag}`);
  return (auth ? call.set('Authorization', auth) : call).expect(200).then((r) => r.body);
};

describe('GET /api/v1/articles/:slug (cached)', () => {
  it('answers a repeated anonymous read without a database operation', async () => {
    const [app] = await instances(1);
    const author = await createUser(app);
    const { slug } = await createArticle(app, author);
    await getArticle(app, slug);
    await quiet();
    expect(await operationsDuring(() => getArticle(app, slug))).toEqual([]);
  });

  it('shows an update, a new slug and a deletion on the very next read', async () => {
    const [app] = await instances(1);
    const author = await createUser(app);
    const { slug } = await createArticle(app, author);
    await getArticle(app, slug);
    const updated = await request(app)
      .put(`/api/v1/articles/${slug}`)
      .set('Authorization', author.auth)
      .send({ article: { title: unique('Renamed '), body: 'new body' } })
      .expect(200);
    const newSlug = updated.body.article.slug;
    expect((await getArticle(app, newSlug)).body).toBe('new body');
    await request(app).get(`/api/v1/articles/${slug}`).expect(404);
    await request(app)
      .delete(`/api/v1/articles/${newSlug}`)
      .set('Authorization', author.auth)
      .expect(204);
    await request(app).get(`/api/v1/articles/${newSlug}`).expect(404);
  });

  it('keeps viewer flags out of the shared entry: each viewer sees their own', async () => {
    const [app] = await instances(1);
    const [author, reader, other] = await Promise.all([
      createUser(app),
      createUser(app),
      createUser(app),
    ]);
    const { slug } = await createArticle(app, author);
    await getArticle(app, slug); // cached anonymously
    await favorite(app, reader, slug);
    await follow(app, reader, author.username);
    expect(await getArticle(app, slug, reader.auth)).toMatchObject({
      favorited: true,
      favoritesCount: 1,
      author: { following: true },
    });
    expect(await getArticle(app, slug, other.auth)).toMatchObject({
      favorited: false,
      favoritesCount: 1,
      author: { following: false },
    });
    expect(await getArticle(app, slug)).toMatchObject({ favorited: false, favoritesCount: 1 });
  });
});

describe('GET /api/v1/articles (cached pages)', () => {
  it('serves a repeated anonymous page without a database operation, and a new article on the next read', async () => {
    const [app] = await instances(1);
    const author = await createUser(app);
    const tag = unique('cached');
    await createArticle(app, author, { tagList: [tag] });
    await listByTag(app, tag);
    await quiet();
    expect(await operationsDuring(() => listByTag(app, tag))).toEqual([]);
    await createArticle(app, author, { tagList: [tag] });
    expect((await listByTag(app, tag)).articlesCount).toBe(2);
  });

  it('shows favorites counts, unfavorites and a renamed author (in pages and filters) on the next read', async () => {
    const [app] = await instances(1);
    const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
    const tag = unique('counts');
    const { slug } = await createArticle(app, author, { tagList: [tag] });
    await listByTag(app, tag);
    await favorite(app, reader, slug);
    expect((await listByTag(app, tag)).articles[0].favoritesCount).toBe(1);
    await request(app)
      .delete(`/api/v1/articles/${slug}/favorite`)
      .set('Authorization', reader.auth)
      .expect(200);
    expect((await listByTag(app, tag)).articles[0].favoritesCount).toBe(0);

    const byAuthor = (name: string) =>
      request(app)
        .get(`/api/v1/articles?author=${name}`)
        .expect(200)
        .then((r) => r.body.articlesCount);
    expect(await byAuthor(author.username)).toBe(1); // cached under the old name
    const renamed = unique('renamed');
    await request(app)
      .put('/api/v1/user')
      .set('Authorization', author.auth)
      .send({ user: { username: renamed, bio: 'new bio' } })
      .expect(200);
    expect((await listByTag(app, tag)).articles[0].author).toMatchObject({
      username: renamed,
      bio: 'new bio',
    });
    await request(app).get(`/api/v1/profiles/${author.username}`).expect(404);
    expect(await byAuthor(author.username)).toBe(0); // the old name matches nobody now
    expect(await byAuthor(renamed)).toBe(1);
  });

  it('filters by a reader and by an author, following their favorites as they change', async () => {
    const [app] = await instances(1);
    const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
    const { slug } = await createArticle(app, author);
    const byReader = () =>
      request(app)
        .get(`/api/v1/articles?favorited=${reader.username}`)
        .expect(200)
        .then((r) => r.body.articlesCount);
    expect(await byReader()).toBe(0);
    await favorite(app, reader, slug);
    expect(await byReader()).toBe(1);
  });
});

describe('GET /api/v1/articles (from the article index)', () => {
  it('reads a page from the index: no collection read in full, only `_id` lookups of articles it has not cached', async () => {
    const [writer] = await instances(1);
    const author = await createUser(writer);
    const tag = unique('indexed');
    for (let i = 0; i < 3; i += 1) await createArticle(writer, author, { tagList: [tag] });
    const [reader] = await instances(1); // another instance, its caches empty
    await reader.cache.index.warm();
    await quiet();
    const operations = await operationsDuring(() => listByTag(reader, tag));
    expect(operations.filter((op) => !op.byId)).toEqual([]);
    expect(operations.length).toBeGreaterThan(0); // the articles and their author, by _id
    expect(await operationsDuring(() => listByTag(reader, tag))).toEqual([]); // then cached
  });

  it('shows a new article to its writer on the very next read of the global list and its tag (read-your-writes)', async () => {
    const [app] = await instances(1);
    await app.cache.index.warm();
    const author = await createUser(app);
    const tag = unique('ryw');
    await listByTag(app, tag);
    const first = await request(app).get('/api/v1/articles?limit=1').expect(200);
    const { slug } = await createArticle(app, author, { tagList: [tag] });
    const global = await request(app).get('/api/v1/articles?limit=1').expect(200);
    expect(global.body.articles[0].slug).toBe(slug);
    expect(global.body.articlesCount).toBe(first.body.articlesCount + 1);
    expect((await listByTag(app, tag)).articles.map((a: { slug: string }) => a.slug)).toEqual([
      slug,
    ]);
  });

  it('shows one instance’s new article to a reader of another once its message arrives (milliseconds)', async () => {
    const [a, b] = await instances(2);
    await Promise.all([a.cache.index.warm(), b.cache.index.warm()]);
    const author = await createUser(a);
    const tag = unique('bound');
    expect((await listByTag(b, tag)).articlesCount).toBe(0); // kept in B's memory
    await createArticle(a, author, { tagList: [tag] });
    // The index is in Redis at once; B's local copy of the page goes when A's message lands.
    await until(async () => (await listByTag(b, tag)).articlesCount === 1, 1000);
  });
});

describe('GET /api/v1/tags (cached)', () => {
  it('answers from the cache and shows a new tag on the next read', async () => {
    const [app] = await instances(1);
    const author = await createUser(app);
    await request(app).get('/api/v1/tags').expect(200);
    await quiet();
    expect(await operationsDuring(() => request(app).get('/api/v1/tags').expect(200))).toEqual([]);
    const tag = unique('fresh');
    await createArticle(app, author, { tagList: [tag] });
    expect((await request(app).get('/api/v1/tags').expect(200)).body.tags).toContain(tag);
  });
});

describe('GET /api/v1/profiles/:username (cached)', () => {
  it('shows follow and unfollow to the follower on the next read', async () => {
    const [app] = await instances(1);
    const [star, reader] = await Promise.all([createUser(app), createUser(app)]);
    const profile = () =>
      request(app)
        .get(`/api/v1/profiles/${star.username}`)
        .set('Authorization', reader.auth)
        .expect(200)
        .then((r) => r.body.profile.following);
    expect(await profile()).toBe(false);
    await follow(app, reader, star.username);
    expect(await profile()).toBe(true);
    await request(app)
      .delete(`/api/v1/profiles/${star.username}/follow`)
      .set('Authorization', reader.auth)
      .expect(200);
    expect(await profile()).toBe(false);
  });
});

describe('PUT /api/v1/user/image (cached profiles)', () => {
  it('shows a new avatar in the profile and on the author of a cached article at once', async () => {
    const [app] = await instances(1);
    const author = await createUser(app);
    const { slug } = await createArticle(app, author);
    await getArticle(app, slug);
    await request(app).get(`/api/v1/profiles/${author.username}`).expect(200);
    const uploaded = await request(app)
      .put('/api/v1/user/image')
      .set('Authorization', author.auth)
      .attach('image', await png(64, 64), { filename: 'me.png', contentType: 'image/png' })
      .expect(200);
    const { image } = uploaded.body.user as { image: string };
    const profile = await request(app).get(`/api/v1/profiles/${author.username}`).expect(200);
    expect(profile.body.profile.image).toBe(image);
    expect((await getArticle(app, slug)).author.image).toBe(image);
  });
});

describe('GET /api/v1/user (the token’s user, cached)', () => {
  it('answers a steady signed-in request without reading the user, and refuses a revoked token on another instance at once', async () => {
    const [a, b] = await instances(2);
    const user = await createUser(a);
    await request(b).get('/api/v1/tags').set('Authorization', user.auth).expect(200);
    await quiet();
    expect(
      await operationsDuring(() =>
        request(b).get('/api/v1/tags').set('Authorization', user.auth).expect(200),
      ),
    ).toEqual([]);
    // Everywhere out: every token of the user is revoked (on A)...
    await request(a).post('/api/v1/auth/logout-all').set('Authorization', user.auth).expect(204);
    // ...and B, which had the user cached, refuses the token once A's message lands.
    await until(
      async () =>
        (await request(b).get('/api/v1/user').set('Authorization', user.auth)).status === 401,
      1000,
    );
  });
});

describe('two instances sharing Redis', () => {
  it('serves what one instance cached to the other, and shows a write on one to a reader of the other', async () => {
    const [a, b] = await instances(2);
    const author = await createUser(a);
    const tag = unique('shared');
    const { slug } = await createArticle(a, author, { tagList: [tag] });
    await getArticle(a, slug);
    await quiet();
    expect(await operationsDuring(() => getArticle(b, slug))).toEqual([]); // from Redis
    await listByTag(b, tag);

    await request(a)
      .put(`/api/v1/articles/${slug}`)
      .set('Authorization', author.auth)
      .send({ article: { description: 'changed on A' } })
      .expect(200);
    await a.events.settled();
    await until(async () => (await getArticle(b, slug)).description === 'changed on A');
    await createArticle(a, author, { tagList: [tag] });
    await a.events.settled();
    await until(async () => (await listByTag(b, tag)).articlesCount === 2);
  });

  it('counts 30 concurrent favorites on two instances exactly', async () => {
    const [a, b] = await instances(2);
    const author = await createUser(a);
    const { slug } = await createArticle(a, author);
    const readers = await Promise.all(Array.from({ length: 30 }, () => createUser(a)));
    await getArticle(b, slug); // the counter is cached before the rush
    await Promise.all(readers.map((reader, i) => favorite(i % 2 ? a : b, reader, slug)));
    await Promise.all([a.events.settled(), b.events.settled()]);
    const stored = await Favorite.countDocuments({
      article: (await a.services.reads.article(slug)).id,
    });
    expect(stored).toBe(30);
    await until(async () => (await getArticle(a, slug)).favoritesCount === 30);
    expect((await getArticle(b, slug)).favoritesCount).toBe(30);
  });
});

describe('Redis outage', () => {
  let server: ChildProcess | undefined;
  afterEach(async () => {
    if (server) await stopProcess(server);
  });

  it('answers from the database while Redis is down (no 5xx, logged once), and caches again once it is back', async () => {
    const port = await freePort();
    server = await startRedisServer(port);
    const redis = redisClient(`redis://127.0.0.1:${port}`);
    await waitUntilReady(redis);
    const app = buildApp({ REDIS_KEY_PREFIX: `${unique('outage')}:` }, { redis });
    everyApp.push(app);
    await app.cache.ready();
    const author = await createUser(app);
    const { slug } = await createArticle(app, author);
    await getArticle(app, slug);

    const logs = captureLogs();
    try {
      await stopProcess(server);
      server = undefined;
      await request(app)
        .put(`/api/v1/articles/${slug}`)
        .set('Authorization', author.auth)
        .send({ article: { description: 'written during the outage' } })
        .expect(200);
      expect((await getArticle(app, slug)).description).toBe('written during the outage');
      await request(app).get('/api/v1/articles').expect(200);
      await request(app).get('/api/v1/tags').expect(200);
      const warnings = logs.lines.filter((l) => l.level === 'warn' || l.level === 'error');
      expect(warnings.map((l) => l.message)).toEqual([expect.stringMatching(/^redis unavailable/)]);

      server = await startRedisServer(port);
      await waitUntilReady(redis);
      await app.cache.ready();
      await getArticle(app, slug);
      await quiet();
      expect(await operationsDuring(() => getArticle(app, slug))).toEqual([]);
      expect((await getArticle(app, slug)).description).toBe('written during the outage');
    } finally {
      logs.restore();
      await app.cache.close();
      await closeRedisClient(redis);
    }
  });
});
