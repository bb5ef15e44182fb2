import request from 'supertest';
import { Article, Comment, User } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser, follow, unique, type TestUser } from '../helpers/factories';
import { errorBody, ISO_DATE } from '../helpers/shapes';

useTestDatabase();
const app = buildApp();

async function addComment(user: TestUser, slug: string, body = 'Thank you so much!') {
  const res = await request(app)
    .post(`/api/v1/articles/${slug}/comments`)
    .set('Authorization', user.auth)
    .send({ comment: { body } });
  return res;
}

describe('POST /api/v1/articles/:slug/comments', () => {
  it('adds a comment: 201 with the comment shape, stored against the article', async () => {
    const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
    const article = await createArticle(app, author);
    const res = await addComment(reader, article.slug, 'Great read');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      comment: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        createdAt: expect.stringMatching(ISO_DATE),
        updatedAt: expect.stringMatching(ISO_DATE),
        body: 'Great read',
        author: { username: reader.username, bio: null, image: null, following: false },
      },
    });
    expect(await Comment.findById(res.body.comment.id).lean()).toMatchObject({
      body: 'Great read',
    });
  });

  it('answers 422 to an empty or missing body, 404 to an unknown article, 401 without a token', async () => {
    const author = await createUser(app);
    const article = await createArticle(app, author);
    const empty = await addComment(author, article.slug, '   ');
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual({ body: ['is not allowed to be empty'] });
    expect((await addComment(author, unique('nope'))).status).toBe(404);
    expect(
      (
        await request(app)
          .post(`/api/v1/articles/${article.slug}/comments`)
          .send({ comment: { body: 'x' } })
      ).status,
    ).toBe(401);
  });
});

describe('GET /api/v1/articles/:slug/comments', () => {
  it('lists the article’s comments newest first, personalised for a signed-in caller', async () => {
    const [author, commenter, reader] = await Promise.all([
      createUser(app),
      createUser(app),
      createUser(app),
    ]);
    const article = await createArticle(app, author);
    const other = await createArticle(app, author);
    await addComment(commenter, article.slug, 'first');
    await addComment(commenter, article.slug, 'second');
    await addComment(commenter, other.slug, 'elsewhere');
    await follow(app, reader, commenter.username);

    const anonymous = await request(app).get(`/api/v1/articles/${article.slug}/comments`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.comments.map((c: { body: string }) => c.body)).toEqual([
      'second',
      'first',
    ]);
    expect(anonymous.body.comments[0].author.following).toBe(false);

    const signedIn = await request(app)
      .get(`/api/v1/articles/${article.slug}/comments`)
      .set('Authorization', reader.auth);
    expect(signedIn.body.comments[0].author.following).toBe(true);
  });

  it('answers 404 for an unknown article', async () => {
    expect((await request(app).get(`/api/v1/articles/${unique('nope')}/comments`)).status).toBe(
      404,
    );
  });

  it('pages with limit and offset (100 by default), with the total in commentsCount', async () => {
    const author = await createUser(app);
    const article = await createArticle(app, author);
    for (let i = 0; i < 5; i += 1) await addComment(author, article.slug, `c${i}`);
    const page = await request(app).get(
      `/api/v1/articles/${article.slug}/comments?limit=2&offset=1`,
    );
    expect(page.status).toBe(200);
    expect(page.body.comments.map((c: { body: string }) => c.body)).toEqual(['c3', 'c2']);
    expect(page.body.commentsCount).toBe(5);
    const all = await request(app).get(`/api/v1/articles/${article.slug}/comments`);
    expect(all.body.comments).toHaveLength(5);
    expect(
      (await request(app).get(`/api/v1/articles/${article.slug}/comments?limit=101`)).status,
    ).toBe(422);
  });

  it('answers at most 100 comments unless asked for a page', async () => {
    const author = await createUser(app);
    const article = await createArticle(app, author);
    const { _id } = (await Article.findOne({ slug: article.slug }).lean())!;
    const authorId = (await User.findOne({ username: author.username }).lean())!._id;
    await Comment.insertMany(
      Array.from({ length: 105 }, (_, i) => ({
        body: `bulk ${i}`,
        author: authorId,
        article: _id,
      })),
    );
    const res = await request(app).get(`/api/v1/articles/${article.slug}/comments`);
    expect(res.body.comments).toHaveLength(100);
    expect(res.body.commentsCount).toBe(105);
  });
});

describe('DELETE /api/v1/articles/:slug/comments/:id', () => {
  it('lets the comment author delete it: 204, gone from the database', async () => {
    const author = await createUser(app);
    const article = await createArticle(app, author);
    const { id } = (await addComment(author, article.slug)).body.comment;
    const res = await request(app)
      .delete(`/api/v1/articles/${article.slug}/comments/${id}`)
      .set('Authorization', author.auth);
    expect(res.status).toBe(204);
    expect(await Comment.countDocuments({ _id: id })).toBe(0);
  });

  it('answers 403 to anyone else, keeping the comment', async () => {
    const [author, other] = await Promise.all([createUser(app), createUser(app)]);
    const article = await createArticle(app, author);
    const { id } = (await addComment(author, article.slug)).body.comment;
    const res = await request(app)
      .delete(`/api/v1/articles/${article.slug}/comments/${id}`)
      .set('Authorization', other.auth);
    expect(res.status).toBe(403);
    expect(res.body).toEqual(
      errorBody({ comment: ['only the author may delete this comment'] }, 'FORBIDDEN'),
    );
    expect(await Comment.countDocuments({ _id: id })).toBe(1);
  });

  it.each([
    ['a malformed id', () => 'not-an-id'],
    ['an unknown id', () => '0123456789abcdef01234567'],
  ])('answers 404 to %s', async (_case, id) => {
    const author = await createUser(app);
    const article = await createArticle(app, author);
    const res = await request(app)
      .delete(`/api/v1/articles/${article.slug}/comments/${id()}`)
      .set('Authorization', author.auth);
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual({ comment: ['not found'] });
  });

  it('answers 404 when the comment belongs to another article', async () => {
    const author = await createUser(app);
    const [a, b] = await Promise.all([createArticle(app, author), createArticle(app, author)]);
    const { id } = (await addComment(author, a.slug)).body.comment;
    expect(
      (
        await request(app)
          .delete(`/api/v1/articles/${b.slug}/comments/${id}`)
          .set('Authorization', author.auth)
      ).status,
    ).toBe(404);
  });
});
