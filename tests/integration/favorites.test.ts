import request from 'supertest';
import { Article, Favorite } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser, unique } from '../helpers/factories';

useTestDatabase();
const app = buildApp();

async function storedFavorites(slug: string) {
  const article = await Article.findOne({ slug }).lean();
  return Favorite.countDocuments({ article: article!._id });
}

describe('POST /api/v1/articles/:slug/favorite', () => {
  it('favorites: 200 with favorited true and the count up by one', async () => {
    const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
    const article = await createArticle(app, author);
    const res = await request(app)
      .post(`/api/v1/articles/${article.slug}/favorite`)
      .set('Authorization', reader.auth);
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({
      slug: article.slug,
      favorited: true,
      favoritesCount: 1,
      body: article.body,
    });
    expect(await storedFavorites(article.slug)).toBe(1);
  });

  it('keeps the count exact when 20 users favorite at once and one user favorites 10 times at once', async () => {
    const author = await createUser(app);
    const article = await createArticle(app, author);
    const readers = await Promise.all(Array.from({ length: 20 }, () => createUser(app)));
    const post = (auth: string) =>
      request(app).post(`/api/v1/articles/${article.slug}/favorite`).set('Authorization', auth);

    const many = await Promise.all(readers.map((reader) => post(reader.auth)));
    expect(many.every((r) => r.status === 200)).toBe(true);
    const repeated = await Promise.all(Array.from({ length: 10 }, () => post(readers[0].auth)));
    expect(repeated.every((r) => r.status === 200 && r.body.article.favorited)).toBe(true);

    expect(await storedFavorites(article.slug)).toBe(20);
    const res = await request(app).get(`/api/v1/articles/${article.slug}`);
    expect(res.body.article.favoritesCount).toBe(20);
  });

  it('answers 404 for an unknown slug and 401 without a token', async () => {
    const reader = await createUser(app);
    expect(
      (
        await request(app)
          .post(`/api/v1/articles/${unique('x')}/favorite`)
          .set('Authorization', reader.auth)
      ).status,
    ).toBe(404);
    expect((await request(app).post(`/api/v1/articles/${unique('x')}/favorite`)).status).toBe(401);
  });
});

describe('DELETE /api/v1/articles/:slug/favorite', () => {
  it('unfavorites: 200 with favorited false; concurrent repeats never go below zero', async () => {
    const [author, reader, other] = await Promise.all([
      createUser(app),
      createUser(app),
      createUser(app),
    ]);
    const article = await createArticle(app, author);
    await request(app)
      .post(`/api/v1/articles/${article.slug}/favorite`)
      .set('Authorization', reader.auth)
      .expect(200);
    await request(app)
      .post(`/api/v1/articles/${article.slug}/favorite`)
      .set('Authorization', other.auth)
      .expect(200);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        request(app)
          .delete(`/api/v1/articles/${article.slug}/favorite`)
          .set('Authorization', reader.auth),
      ),
    );
    expect(results.every((r) => r.status === 200 && r.body.article.favorited === false)).toBe(true);
    expect(results.map((r) => r.body.article.favoritesCount)).toEqual(Array(5).fill(1));
    expect(await storedFavorites(article.slug)).toBe(1);
  });

  it('answers 404 for an unknown slug and 401 without a token', async () => {
    const reader = await createUser(app);
    expect(
      (
        await request(app)
          .delete(`/api/v1/articles/${unique('x')}/favorite`)
          .set('Authorization', reader.auth)
      ).status,
    ).toBe(404);
    expect((await request(app).delete(`/api/v1/articles/${unique('x')}/favorite`)).status).toBe(
      401,
    );
  });
});
