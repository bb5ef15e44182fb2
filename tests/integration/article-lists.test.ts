import request from 'supertest';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { countBatchedOperations } from '../helpers/operations';
import { createArticle, createUser, favorite, follow, unique } from '../helpers/factories';

useTestDatabase();
const app = buildApp();

describe('GET /api/v1/articles', () => {
  it('lists newest first without bodies; articlesCount is the total, not the page size', async () => {
    const author = await createUser(app);
    const tag = unique('paged');
    const created = [];
    for (let i = 0; i < 5; i += 1)
      created.push(await createArticle(app, author, { tagList: [tag] }));
    const res = await request(app).get(`/api/v1/articles?tag=${tag}&limit=2&offset=1`);
    expect(res.status).toBe(200);
    expect(res.body.articlesCount).toBe(5);
    expect(res.body.articles.map((a: { slug: string }) => a.slug)).toEqual([
      created[3].slug,
      created[2].slug,
    ]);
    expect(res.body.articles[0]).not.toHaveProperty('body');
    expect(res.body.articles[0]).toMatchObject({
      favorited: false,
      favoritesCount: 0,
      author: { username: author.username },
    });
  });

  it('filters by author and by favorited username', async () => {
    const [alice, bob, reader] = await Promise.all([
      createUser(app),
      createUser(app),
      createUser(app),
    ]);
    const a1 = await createArticle(app, alice);
    await createArticle(app, bob);
    const b2 = await createArticle(app, bob);
    await favorite(app, reader, a1.slug);
    await favorite(app, reader, b2.slug);

    const byAlice = await request(app).get(`/api/v1/articles?author=${alice.username}`);
    expect(byAlice.body.articlesCount).toBe(1);
    expect(byAlice.body.articles[0].slug).toBe(a1.slug);

    const favs = await request(app).get(`/api/v1/articles?favorited=${reader.username}`);
    expect(favs.body.articlesCount).toBe(2);
    expect(favs.body.articles.map((a: { slug: string }) => a.slug)).toEqual([b2.slug, a1.slug]);
  });

  it('combines filters, and an unknown author or reader matches nothing', async () => {
    const alice = await createUser(app);
    const tag = unique('combo');
    await createArticle(app, alice, { tagList: [tag] });
    await createArticle(app, alice);
    const res = await request(app).get(`/api/v1/articles?author=${alice.username}&tag=${tag}`);
    expect(res.body.articlesCount).toBe(1);
    for (const q of [`author=${unique('ghost')}`, `favorited=${unique('ghost')}`]) {
      expect((await request(app).get(`/api/v1/articles?${q}`)).body).toEqual({
        articles: [],
        articlesCount: 0,
      });
    }
  });

  it('personalises favorited and following for a signed-in caller', async () => {
    const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
    const tag = unique('personal');
    const liked = await createArticle(app, author, { tagList: [tag] });
    await createArticle(app, author, { tagList: [tag] });
    await favorite(app, reader, liked.slug);
    await follow(app, reader, author.username);
    const res = await request(app)
      .get(`/api/v1/articles?tag=${tag}`)
      .set('Authorization', reader.auth);
    const bySlug = Object.fromEntries(res.body.articles.map((a: { slug: string }) => [a.slug, a]));
    expect(bySlug[liked.slug]).toMatchObject({
      favorited: true,
      favoritesCount: 1,
      author: { following: true },
    });
    expect(res.body.articles.filter((a: { favorited: boolean }) => !a.favorited)).toHaveLength(1);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['offset=-1', 'offset'],
  ])('answers 422 to %s', async (query, field) => {
    const res = await request(app).get(`/api/v1/articles?${query}`);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual([field]);
  });

  it('answers 422 to an operator object smuggled in the query string', async () => {
    const res = await request(app).get('/api/v1/articles?author[$ne]=x');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ author: ['must be a string'] });
  });

  it('defaults to 20 per page', async () => {
    const author = await createUser(app);
    const tag = unique('many');
    await Promise.all(
      Array.from({ length: 21 }, () => createArticle(app, author, { tagList: [tag] })),
    );
    const res = await request(app).get(`/api/v1/articles?tag=${tag}`);
    expect(res.body.articles).toHaveLength(20);
    expect(res.body.articlesCount).toBe(21);
  });
});

describe('GET /api/v1/articles/feed', () => {
  it('lists articles by followed authors only, newest first, with the total count', async () => {
    const [reader, followed, other] = await Promise.all([
      createUser(app),
      createUser(app),
      createUser(app),
    ]);
    await follow(app, reader, followed.username);
    const first = await createArticle(app, followed);
    await createArticle(app, other);
    const second = await createArticle(app, followed);
    const res = await request(app).get('/api/v1/articles/feed').set('Authorization', reader.auth);
    expect(res.status).toBe(200);
    expect(res.body.articlesCount).toBe(2);
    expect(res.body.articles.map((a: { slug: string }) => a.slug)).toEqual([
      second.slug,
      first.slug,
    ]);
    expect(res.body.articles[0].author.following).toBe(true);
  });

  it('is empty when following nobody, and 401 without a token', async () => {
    const loner = await createUser(app);
    expect(
      (await request(app).get('/api/v1/articles/feed').set('Authorization', loner.auth)).body,
    ).toEqual({ articles: [], articlesCount: 0 });
    expect((await request(app).get('/api/v1/articles/feed')).status).toBe(401);
  });
});

describe('query count of a page (no N+1)', () => {
  // Without the cache, so every read goes to the database: the shape of the queries shows.
  const uncached = buildApp({ CACHE_ENABLED: 'false' });

  it('costs the same few round-trips for 1 article as for 20 uncached, each by a different author', async () => {
    const reader = await createUser(app);
    const tag = unique('nplus1');
    const authors = await Promise.all(Array.from({ length: 20 }, () => createUser(app)));
    for (const author of authors) {
      const article = await createArticle(app, author, { tagList: [tag] });
      await favorite(app, reader, article.slug);
      await follow(app, reader, author.username);
    }
    // Notifications of those follows and favorites are written after the responses.
    await app.events.settled();
    const get = (limit: number) => () =>
      request(uncached)
        .get(`/api/v1/articles?tag=${tag}&limit=${limit}`)
        .set('Authorization', reader.auth)
        .expect(200);

    const forOne = await countBatchedOperations(get(1));
    const forTwenty = await countBatchedOperations(get(20));
    expect(forTwenty).toBe(forOne);
    // the token's user (revocation, ban, role) + count + page + authors
    // + favorite counts + the reader's favorites + the reader's follows (on the embedded
    // database, articles and authors by id are one `_id` lookup each: not counted)
    expect(forTwenty).toBeLessThanOrEqual(7);

    const feedOne = await countBatchedOperations(() =>
      request(uncached).get('/api/v1/articles/feed?limit=1').set('Authorization', reader.auth),
    );
    const feedTwenty = await countBatchedOperations(() =>
      request(uncached).get('/api/v1/articles/feed?limit=20').set('Authorization', reader.auth),
    );
    expect(feedTwenty).toBe(feedOne);
  });
});
