import request from 'supertest';
import { Article, Comment, Favorite } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser, favorite, unique } from '../helpers/factories';
import { errorBody, ISO_DATE } from '../helpers/shapes';

useTestDatabase();
const app = buildApp();

describe('POST /api/v1/articles', () => {
  it('creates an article: 201 with the article shape, a slug from the title, deduplicated tags', async () => {
    const author = await createUser(app);
    const res = await request(app)
      .post('/api/v1/articles')
      .set('Authorization', author.auth)
      .send({
        article: {
          title: 'How to Train Your Dragon!',
          description: 'Ever wonder how?',
          body: 'You have to believe',
          tagList: ['dragons', 'training', 'dragons'],
        },
      });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      article: {
        slug: 'how-to-train-your-dragon',
        title: 'How to Train Your Dragon!',
        description: 'Ever wonder how?',
        body: 'You have to believe',
        tagList: ['dragons', 'training'],
        createdAt: expect.stringMatching(ISO_DATE),
        updatedAt: expect.stringMatching(ISO_DATE),
        favorited: false,
        favoritesCount: 0,
        author: { username: author.username, bio: null, image: null, following: false },
      },
    });
    const stored = await Article.findOne({ slug: 'how-to-train-your-dragon' }).lean();
    expect(stored).toMatchObject({
      title: 'How to Train Your Dragon!',
      tagList: ['dragons', 'training'],
    });
  });

  it('returns tagList sorted and de-duplicated, as RealWorld conformance tests expect', async () => {
    const author = await createUser(app);
    const created = await createArticle(app, author, {
      tagList: ['training', 'dragons', 'training'],
    });
    expect(created.tagList).toEqual(['dragons', 'training']);
    const read = await request(app).get(`/api/v1/articles/${created.slug}`);
    expect(read.body.article.tagList).toEqual(['dragons', 'training']);
    const updated = await request(app)
      .put(`/api/v1/articles/${created.slug}`)
      .set('Authorization', author.auth)
      .send({ article: { tagList: ['zebra', 'alpha'] } });
    expect(updated.body.article.tagList).toEqual(['alpha', 'zebra']);
    expect((await Article.findOne({ slug: created.slug }).lean())!.tagList).toEqual([
      'alpha',
      'zebra',
    ]);
  });

  it('gives equal titles different URL-safe slugs', async () => {
    const author = await createUser(app);
    const title = `Same Title ${unique('')}`;
    const slugs = await Promise.all(
      [1, 2, 3].map(async () => (await createArticle(app, author, { title })).slug),
    );
    expect(new Set(slugs).size).toBe(3);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9-]+$/);
  });

  it('makes a slug even from a title with no letters', async () => {
    const author = await createUser(app);
    const article = await createArticle(app, author, { title: '!!!' });
    expect(article.slug).toMatch(/^article(-[0-9a-f]{8})?$/);
  });

  it('ignores fields a client must not set (slug, favoritesCount, author)', async () => {
    const author = await createUser(app);
    const res = await request(app)
      .post('/api/v1/articles')
      .set('Authorization', author.auth)
      .send({
        article: {
          title: 'Mass assignment',
          description: 'd',
          body: 'b',
          slug: 'chosen',
          favoritesCount: 99,
          author: 'x',
        },
      });
    expect(res.status).toBe(201);
    expect(res.body.article).toMatchObject({
      favoritesCount: 0,
      author: { username: author.username },
    });
    expect(res.body.article.slug).not.toBe('chosen');
  });

  it('answers 422 with per-field messages for missing or mistyped fields', async () => {
    const author = await createUser(app);
    const res = await request(app)
      .post('/api/v1/articles')
      .set('Authorization', author.auth)
      .send({ article: { title: '', body: { $gt: '' }, tagList: 'not-a-list' } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      title: ['is not allowed to be empty'],
      description: ['is required'],
      body: ['must be a string'],
      tagList: ['must be an array'],
    });
  });

  it('answers 401 without a token', async () => {
    const res = await request(app)
      .post('/api/v1/articles')
      .send({ article: { title: 't', description: 'd', body: 'b' } });
    expect(res.status).toBe(401);
  });
});

describe('GET /api/v1/articles/:slug', () => {
  it('returns the article with body to anyone', async () => {
    const author = await createUser(app);
    const article = await createArticle(app, author, { body: 'full body' });
    const res = await request(app).get(`/api/v1/articles/${article.slug}`);
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({
      slug: article.slug,
      body: 'full body',
      favorited: false,
    });
  });

  it('answers 404 for an unknown slug', async () => {
    const res = await request(app).get(`/api/v1/articles/${unique('nope')}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(errorBody({ article: ['not found'] }, 'NOT_FOUND'));
  });
});

describe('PUT /api/v1/articles/:slug', () => {
  it('lets the author update; a new title gives a new slug and the old one is gone', async () => {
    const author = await createUser(app);
    const article = await createArticle(app, author);
    const newTitle = `Renamed ${unique('')}`;
    const res = await request(app)
      .put(`/api/v1/articles/${article.slug}`)
      .set('Authorization', author.auth)
      .send({ article: { title: newTitle, body: 'new body' } });
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({
      title: newTitle,
      body: 'new body',
      description: article.description,
    });
    expect(res.body.article.slug).not.toBe(article.slug);
    expect(res.body.article.slug).toMatch(/^renamed-/);
    await request(app).get(`/api/v1/articles/${article.slug}`).expect(404);
    await request(app).get(`/api/v1/articles/${res.body.article.slug}`).expect(200);
  });

  it('keeps the slug when the title does not change', async () => {
    const author = await createUser(app);
    const article = await createArticle(app, author);
    const res = await request(app)
      .put(`/api/v1/articles/${article.slug}`)
      .set('Authorization', author.auth)
      .send({ article: { description: 'only this' } });
    expect(res.body.article).toMatchObject({ slug: article.slug, description: 'only this' });
  });

  it('answers 403 to someone who is not the author, and changes nothing', async () => {
    const [author, other] = await Promise.all([createUser(app), createUser(app)]);
    const article = await createArticle(app, author);
    const res = await request(app)
      .put(`/api/v1/articles/${article.slug}`)
      .set('Authorization', other.auth)
      .send({ article: { title: 'Hijacked' } });
    expect(res.status).toBe(403);
    expect(res.body).toEqual(
      errorBody({ article: ['only the author may update this article'] }, 'FORBIDDEN'),
    );
    expect((await Article.findOne({ slug: article.slug }).lean())!.title).toBe(article.title);
  });

  it('answers 422 to an empty change, 404 to an unknown slug, 401 without a token', async () => {
    const author = await createUser(app);
    const article = await createArticle(app, author);
    expect(
      (
        await request(app)
          .put(`/api/v1/articles/${article.slug}`)
          .set('Authorization', author.auth)
          .send({ article: {} })
      ).status,
    ).toBe(422);
    expect(
      (
        await request(app)
          .put(`/api/v1/articles/${unique('x')}`)
          .set('Authorization', author.auth)
          .send({ article: { body: 'b' } })
      ).status,
    ).toBe(404);
    expect(
      (
        await request(app)
          .put(`/api/v1/articles/${article.slug}`)
          .send({ article: { body: 'b' } })
      ).status,
    ).toBe(401);
  });
});

describe('PUT /api/v1/articles/:slug under pressure', () => {
  it('renames an article to a title another article has: 200 with a new, unique slug', async () => {
    const author = await createUser(app);
    const hello = await createArticle(app, author, { title: `Hello ${unique('')}` });
    const world = await createArticle(app, author, { title: `World ${unique('')}` });
    const res = await request(app)
      .put(`/api/v1/articles/${world.slug}`)
      .set('Authorization', author.auth)
      .send({ article: { title: hello.title } });
    expect(res.status).toBe(200);
    expect(res.body.article.slug).toMatch(new RegExp(`^${hello.slug}-[0-9a-f]{8}$`));
    expect(await Article.countDocuments({ title: hello.title })).toBe(2);
  });

  it('answers 404 when the article is deleted between the update’s read and its write', async () => {
    const author = await createUser(app);
    const { slug } = await createArticle(app, author);
    // The race made certain: the article vanishes just before the update writes.
    const save = Article.prototype.save;
    jest.spyOn(Article.prototype, 'save').mockImplementationOnce(async function (
      this: InstanceType<typeof Article>,
    ) {
      await Article.deleteOne({ _id: this._id });
      return save.call(this);
    });
    const res = await request(app)
      .put(`/api/v1/articles/${slug}`)
      .set('Authorization', author.auth)
      .send({ article: { body: 'changed' } });
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual({ article: ['not found'] });
  });

  it('answers 404, never 500, to updates racing deletes of the same article', async () => {
    const author = await createUser(app);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const { slug } = await createArticle(app, author);
        const [put, del] = await Promise.all([
          request(app)
            .put(`/api/v1/articles/${slug}`)
            .set('Authorization', author.auth)
            .send({ article: { body: 'changed' } }),
          request(app).delete(`/api/v1/articles/${slug}`).set('Authorization', author.auth),
        ]);
        return [put.status, del.status];
      }),
    );
    for (const [put, del] of statuses) {
      expect([200, 404]).toContain(put);
      expect(del).toBe(204);
    }
  });
});

describe('per-user write limits (ARTICLE_WRITE_MAX, COMMENT_WRITE_MAX)', () => {
  it('answers 429 once a user has written ARTICLE_WRITE_MAX articles; others still write', async () => {
    const limited = buildApp({ ARTICLE_WRITE_MAX: '2', COMMENT_WRITE_MAX: '1' });
    const [writer, other] = await Promise.all([createUser(limited), createUser(limited)]);
    const { slug } = await createArticle(limited, writer);
    await request(limited)
      .put(`/api/v1/articles/${slug}`)
      .set('Authorization', writer.auth)
      .send({ article: { body: 'edited' } })
      .expect(200);
    const third = await request(limited)
      .post('/api/v1/articles')
      .set('Authorization', writer.auth)
      .send({ article: { title: 't', description: 'd', body: 'b' } });
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('RATE_LIMITED');
    await createArticle(limited, other);

    const comment = () =>
      request(limited)
        .post(`/api/v1/articles/${slug}/comments`)
        .set('Authorization', other.auth)
        .send({ comment: { body: 'hi' } });
    await comment().expect(201);
    await comment().expect(429);
  });
});

describe('DELETE /api/v1/articles/:slug', () => {
  it('lets the author delete: 204, and its comments and favorites go too', async () => {
    const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
    const article = await createArticle(app, author);
    await favorite(app, reader, article.slug);
    await request(app)
      .post(`/api/v1/articles/${article.slug}/comments`)
      .set('Authorization', reader.auth)
      .send({ comment: { body: 'hi' } })
      .expect(201);
    const id = (await Article.findOne({ slug: article.slug }).lean())!._id;

    const res = await request(app)
      .delete(`/api/v1/articles/${article.slug}`)
      .set('Authorization', author.auth);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await Article.countDocuments({ _id: id })).toBe(0);
    expect(await Comment.countDocuments({ article: id })).toBe(0);
    expect(await Favorite.countDocuments({ article: id })).toBe(0);
    const favorites = await request(app).get(`/api/v1/articles?favorited=${reader.username}`);
    expect(favorites.body).toEqual({ articles: [], articlesCount: 0 });
  });

  it('answers 403 to someone else and 404 to an unknown slug', async () => {
    const [author, other] = await Promise.all([createUser(app), createUser(app)]);
    const article = await createArticle(app, author);
    expect(
      (
        await request(app)
          .delete(`/api/v1/articles/${article.slug}`)
          .set('Authorization', other.auth)
      ).status,
    ).toBe(403);
    expect(await Article.countDocuments({ slug: article.slug })).toBe(1);
    expect(
      (
        await request(app)
          .delete(`/api/v1/articles/${unique('x')}`)
          .set('Authorization', author.auth)
      ).status,
    ).toBe(404);
  });
});
