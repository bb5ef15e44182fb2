/**
 * POST/GET /graphql over HTTP: the same accounts, permissions, validation and errors as
 * REST, answered from the same services; DataLoader keeps nested lists at a constant
 * number of database operations; depth, cost and introspection limits; the SDL file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import request from 'supertest';
import { Article, Comment, Favorite, Follow, User } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { countBatchedOperations, countOperations } from '../helpers/operations';
import {
  createArticle,
  createUser,
  favorite,
  follow,
  unique,
  type TestUser,
} from '../helpers/factories';

useTestDatabase();
const app = buildApp();

/** POSTs a GraphQL operation, as `user` when given. */
function gql(
  query: string,
  variables: Record<string, unknown> = {},
  user?: TestUser,
  target: typeof app = app,
) {
  const call = request(target).post('/graphql');
  if (user) call.set('Authorization', user.auth);
  return call.send({ query, variables });
}

const ARTICLE_FIELDS = `slug title description body tagList createdAt updatedAt favorited favoritesCount
  author { username bio image following }`;

describe('POST /graphql (the transport)', () => {
  it('answers a query over GET too, but refuses a mutation over GET with 405 in the error shape', async () => {
    const ok = await request(app).get('/graphql').query({ query: '{ tags }' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ data: { tags: expect.any(Array) } });

    const refused = await request(app)
      .get('/graphql')
      .query({ query: 'mutation { deleteArticle(slug: "x") }' });
    expect(refused.status).toBe(405);
    expect(refused.body).toMatchObject({
      code: 'METHOD_NOT_ALLOWED',
      errors: { graphql: ['Cannot perform mutations over GET'] },
    });
  });

  it('answers malformed JSON, a wrong media type and an unknown method with 4xx in the error shape', async () => {
    const malformed = await request(app)
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send('{"query": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('MALFORMED_JSON');

    const text = await request(app)
      .post('/graphql')
      .set('Content-Type', 'text/plain')
      .send('{ tags }');
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const put = await request(app).put('/graphql').send({ query: '{ tags }' });
    expect(put.status).toBe(405);
    expect(put.body.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers a request that is not GraphQL (no query, variables not JSON) with 400 in the error shape', async () => {
    const empty = await request(app).post('/graphql').send({});
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({
      code: 'BAD_REQUEST',
      errors: { graphql: ['Missing query'] },
    });
    const variables = await request(app)
      .get('/graphql')
      .query({ query: '{ tags }', variables: '{not json' });
    expect(variables.status).toBe(400);
    expect(variables.body.code).toBe('BAD_REQUEST');
  });

  it('answers a syntax error 400 to clients that accept application/graphql-response+json', async () => {
    const res = await request(app)
      .post('/graphql')
      .set('Accept', 'application/graphql-response+json')
      .send({ query: '{ tags ' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/Syntax Error/);
  });

  it('refuses an invalid token with 401 before running anything, as REST does', async () => {
    const res = await request(app)
      .post('/graphql')
      .set('Authorization', 'Token not-a-jwt')
      .send({ query: '{ tags }' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_INVALID');
  });
});

describe('Mutation.register and Mutation.login', () => {
  it('registers a user, stores them, and logs in with the same fields as REST', async () => {
    const username = unique('gq');
    const user = { username, email: `${username}@example.com`, password: 'correct horse battery' };
    const registered = await gql(
      'mutation ($user: RegisterInput!) { register(user: $user) { email token username bio image } }',
      { user },
    );
    expect(registered.body.data.register).toEqual({
      email: user.email,
      token: expect.any(String),
      username,
      bio: null,
      image: null,
    });
    expect(await User.countDocuments({ username })).toBe(1);

    const login = await gql(
      'mutation ($user: LoginInput!) { login(user: $user) { username token } }',
      { user: { email: user.email, password: user.password } },
    );
    expect(login.body.data.login.username).toBe(username);
    const viewer = await request(app)
      .post('/graphql')
      .set('Authorization', `Token ${login.body.data.login.token}`)
      .send({ query: '{ viewer { username email } }' });
    expect(viewer.body.data.viewer).toEqual({ username, email: user.email });
  });

  it('maps a taken username and a weak password to VALIDATION_FAILED with field details', async () => {
    const taken = await createUser(app);
    const res = await gql(
      'mutation ($user: RegisterInput!) { register(user: $user) { username } }',
      {
        user: {
          username: taken.username,
          email: `${unique('x')}@example.com`,
          password: 'correct horse battery',
        },
      },
    );
    expect(res.body.data).toBeNull();
    expect(res.body.errors[0].extensions).toEqual({
      code: 'VALIDATION_FAILED',
      status: 422,
      errors: { username: ['is already taken'] },
    });
  });

  it('maps wrong credentials to INVALID_CREDENTIALS (401)', async () => {
    const user = await createUser(app);
    const res = await gql(
      'mutation { login(user: { email: "' +
        user.email +
        '", password: "wrong password!" }) { token } }',
    );
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      status: 401,
    });
  });
});

describe('Query.viewer', () => {
  it('is null when anonymous', async () => {
    expect((await gql('{ viewer { username } }')).body).toEqual({ data: { viewer: null } });
  });
});

describe('Query.article and Query.articles', () => {
  it('returns exactly what REST returns for the same article, field for field', async () => {
    const author = await createUser(app);
    const reader = await createUser(app);
    const article = await createArticle(app, author, { tagList: ['gql-same'] });
    await favorite(app, reader, article.slug);
    await follow(app, reader, author.username);

    const rest = await request(app)
      .get(`/api/v1/articles/${article.slug}`)
      .set('Authorization', reader.auth);
    const graph = await gql(
      `query ($slug: String!) { article(slug: $slug) { ${ARTICLE_FIELDS} } }`,
      { slug: article.slug },
      reader,
    );
    expect(graph.body.data.article).toEqual(rest.body.article);
    expect(graph.body.data.article).toMatchObject({
      favorited: true,
      favoritesCount: 1,
      author: { following: true },
    });
  });

  it('is null for an unknown slug', async () => {
    expect(
      (await gql('{ article(slug: "no-such-article") { slug } }')).body.data.article,
    ).toBeNull();
  });

  it('filters by tag, author and favorited, pages, and counts all matches', async () => {
    const author = await createUser(app);
    const reader = await createUser(app);
    const tag = unique('gt');
    const made = [];
    for (let i = 0; i < 3; i += 1) made.push(await createArticle(app, author, { tagList: [tag] }));
    await favorite(app, reader, made[0].slug);

    const byTag = await gql(
      `{ articles(tag: "${tag}", limit: 2, offset: 1) { articlesCount articles { slug body } } }`,
    );
    expect(byTag.body.data.articles.articlesCount).toBe(3);
    // Newest first: offset 1 skips the last one made. Bodies come although lists carry none.
    expect(byTag.body.data.articles.articles).toEqual([
      { slug: made[1].slug, body: made[1].body },
      { slug: made[0].slug, body: made[0].body },
    ]);
    const byAuthor = await gql(`{ articles(author: "${author.username}") { articlesCount } }`);
    expect(byAuthor.body.data.articles.articlesCount).toBe(3);
    const byReader = await gql(
      `{ articles(favorited: "${reader.username}") { articles { slug } } }`,
    );
    expect(byReader.body.data.articles.articles).toEqual([{ slug: made[0].slug }]);
  });

  it('validates arguments with the REST rules: limit above 100 is VALIDATION_FAILED', async () => {
    const res = await gql('{ articles(limit: 1000) { articlesCount } }');
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: { limit: [expect.stringMatching(/less than or equal to 100/)] },
    });
  });
});

describe('Query.feed', () => {
  it('needs a signed-in viewer and lists followed authors only', async () => {
    const anonymous = await gql('{ feed { articlesCount } }');
    expect(anonymous.body.errors[0].extensions).toMatchObject({
      code: 'UNAUTHORIZED',
      status: 401,
    });

    const reader = await createUser(app);
    const followed = await createUser(app);
    const other = await createUser(app);
    const article = await createArticle(app, followed);
    await createArticle(app, other);
    await follow(app, reader, followed.username);
    const res = await gql(
      '{ feed { articlesCount articles { slug author { username following } } } }',
      {},
      reader,
    );
    expect(res.body.data.feed).toEqual({
      articlesCount: 1,
      articles: [{ slug: article.slug, author: { username: followed.username, following: true } }],
    });
  });
});

describe('Query.profile, Query.tags and Query.comments', () => {
  it('answers profiles (null when unknown), tags, and comments with their authors', async () => {
    const author = await createUser(app);
    const reader = await createUser(app);
    await follow(app, reader, author.username);
    const tag = unique('tg');
    const article = await createArticle(app, author, { tagList: [tag] });
    await request(app)
      .post(`/api/v1/articles/${article.slug}/comments`)
      .set('Authorization', author.auth)
      .send({ comment: { body: 'First!' } })
      .expect(201);

    const res = await gql(
      `query ($name: String!, $slug: String!) {
        known: profile(username: $name) { username following }
        unknown: profile(username: "nobody-at-all") { username }
        tags
        comments(slug: $slug) { body author { username following } }
      }`,
      { name: author.username, slug: article.slug },
      reader,
    );
    expect(res.body.data).toEqual({
      known: { username: author.username, following: true },
      unknown: null,
      tags: expect.arrayContaining([tag]),
      comments: [{ body: 'First!', author: { username: author.username, following: true } }],
    });
  });
});

describe('Mutation.createArticle, updateArticle and deleteArticle', () => {
  it('creates (stored), lets only the author update, and deletes', async () => {
    const author = await createUser(app);
    const intruder = await createUser(app);
    const created = await gql(
      'mutation ($a: NewArticleInput!) { createArticle(article: $a) { slug title tagList author { username } } }',
      { a: { title: unique('GraphQL '), description: 'd', body: 'b', tagList: ['gql', 'gql'] } },
      author,
    );
    const { slug } = created.body.data.createArticle;
    expect(created.body.data.createArticle).toMatchObject({
      tagList: ['gql'],
      author: { username: author.username },
    });
    expect(await Article.countDocuments({ slug })).toBe(1);

    const forbidden = await gql(
      'mutation ($slug: String!) { updateArticle(slug: $slug, article: { body: "mine now" }) { body } }',
      { slug },
      intruder,
    );
    expect(forbidden.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect((await Article.findOne({ slug }).lean())?.body).toBe('b');

    const updated = await gql(
      'mutation ($slug: String!) { updateArticle(slug: $slug, article: { body: "better" }) { body } }',
      { slug },
      author,
    );
    expect(updated.body.data.updateArticle.body).toBe('better');

    const deleted = await gql(
      'mutation ($slug: String!) { deleteArticle(slug: $slug) }',
      { slug },
      author,
    );
    expect(deleted.body.data.deleteArticle).toBe(true);
    expect(await Article.countDocuments({ slug })).toBe(0);
  });

  it('needs a signed-in user, and checks input with the REST schema', async () => {
    const anonymous = await gql(
      'mutation { createArticle(article: { title: "t", description: "d", body: "b" }) { slug } }',
    );
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHORIZED');
    const user = await createUser(app);
    const empty = await gql(
      'mutation { createArticle(article: { title: "  ", description: "d", body: "b" }) { slug } }',
      {},
      user,
    );
    expect(empty.body.errors[0].extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: { title: expect.any(Array) },
    });
  });

  it('counts against the same per-user write limit as REST', async () => {
    const limited = buildApp({ ARTICLE_WRITE_MAX: '1' });
    const user = await createUser(limited);
    const create = () =>
      request(limited)
        .post('/graphql')
        .set('Authorization', user.auth)
        .send({
          query: `mutation { createArticle(article: { title: "${unique('L ')}", description: "d", body: "b" }) { slug } }`,
        });
    expect((await create()).body.data.createArticle.slug).toEqual(expect.any(String));
    const second = await create();
    expect(second.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
  });
});

describe('Mutation.favoriteArticle, followUser and comments', () => {
  it('favorites and unfavorites (stored), follows and unfollows, comments and deletes comments with REST permissions', async () => {
    const author = await createUser(app);
    const reader = await createUser(app);
    const article = await createArticle(app, author);

    const fav = await gql(
      'mutation ($s: String!) { favoriteArticle(slug: $s) { favorited favoritesCount } }',
      { s: article.slug },
      reader,
    );
    expect(fav.body.data.favoriteArticle).toEqual({ favorited: true, favoritesCount: 1 });
    expect(await Favorite.countDocuments({})).toBeGreaterThan(0);
    const unfav = await gql(
      'mutation ($s: String!) { unfavoriteArticle(slug: $s) { favorited favoritesCount } }',
      { s: article.slug },
      reader,
    );
    expect(unfav.body.data.unfavoriteArticle).toEqual({ favorited: false, favoritesCount: 0 });

    const followed = await gql(
      'mutation ($u: String!) { followUser(username: $u) { following } }',
      { u: author.username },
      reader,
    );
    expect(followed.body.data.followUser.following).toBe(true);
    const readerDoc = await User.findOne({ username: reader.username }).lean();
    expect(await Follow.countDocuments({ follower: readerDoc!._id })).toBe(1);
    const self = await gql(
      'mutation ($u: String!) { followUser(username: $u) { following } }',
      { u: reader.username },
      reader,
    );
    expect(self.body.errors[0].extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: { username: ['cannot follow yourself'] },
    });
    await gql(
      'mutation ($u: String!) { unfollowUser(username: $u) { following } }',
      { u: author.username },
      reader,
    );
    expect(await Follow.countDocuments({ follower: readerDoc!._id })).toBe(0);

    const comment = await gql(
      'mutation ($s: String!) { addComment(slug: $s, comment: { body: "Nice" }) { id body author { username } } }',
      { s: article.slug },
      reader,
    );
    const { id } = comment.body.data.addComment;
    expect(await Comment.countDocuments({ _id: id })).toBe(1);
    const notYours = await gql(
      'mutation ($s: String!, $id: ID!) { deleteComment(slug: $s, id: $id) }',
      { s: article.slug, id },
      author,
    );
    expect(notYours.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    const deleted = await gql(
      'mutation ($s: String!, $id: ID!) { deleteComment(slug: $s, id: $id) }',
      { s: article.slug, id },
      reader,
    );
    expect(deleted.body.data.deleteComment).toBe(true);
    expect(await Comment.countDocuments({ _id: id })).toBe(0);
  });
});

describe('DataLoader: database operations per query', () => {
  // Without the cache, so every read goes to the database: the shape of the queries shows.
  const uncached = buildApp({ CACHE_ENABLED: 'false' });
  let reader: TestUser;
  let tag: string;

  beforeAll(async () => {
    reader = await createUser(app);
    tag = unique('dl');
    const authors = await Promise.all(Array.from({ length: 20 }, () => createUser(app)));
    for (const author of authors) {
      const article = await createArticle(app, author, { tagList: [tag] });
      await favorite(app, reader, article.slug);
      await follow(app, reader, author.username);
      await request(app)
        .post(`/api/v1/articles/${article.slug}/comments`)
        .set('Authorization', author.auth)
        .send({ comment: { body: 'c' } })
        .expect(201);
    }
    await app.events.settled(); // notifications are written after the responses
  });

  it('costs a page of 20 articles with authors, favorited and following the same as the REST page', async () => {
    const rest = await countOperations(() =>
      request(uncached)
        .get(`/api/v1/articles?tag=${tag}&limit=20`)
        .set('Authorization', reader.auth)
        .expect(200),
    );
    const graph = await countOperations(async () => {
      const res = await gql(
        `{ articles(tag: "${tag}", limit: 20) { articlesCount articles { slug favorited favoritesCount author { username following } } } }`,
        {},
        reader,
        uncached,
      );
      expect(res.body.data.articles.articles).toHaveLength(20);
    });
    expect(graph).toBe(rest);
  });

  it('adds a constant number of operations for bodies and comments, the same for 1 article as for 20', async () => {
    const query = (limit: number) => () =>
      gql(
        `{ articles(tag: "${tag}", limit: ${limit}) { articles { slug body comments { body author { username following } } } } }`,
        {},
        reader,
        uncached,
      ).then((res) => expect(res.body.data.articles.articles).toHaveLength(limit));
    const forOne = await countBatchedOperations(query(1));
    const forTwenty = await countBatchedOperations(query(20));
    expect(forTwenty).toBe(forOne);
  });
});

describe('limits and development tools', () => {
  it('refuses a query deeper than GRAPHQL_MAX_DEPTH before running it', async () => {
    const deep = buildApp({ GRAPHQL_MAX_DEPTH: '3' });
    const res = await request(deep).post('/graphql').send({
      query: '{ articles { articles { author { username } comments { author { username } } } } }',
    });
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].message).toMatch(/depth/i);
  });

  it('refuses a query costlier than GRAPHQL_MAX_COST', async () => {
    const cheap = buildApp({ GRAPHQL_MAX_COST: '10' });
    const res = await request(cheap).post('/graphql').send({
      query:
        '{ articles { articles { slug title description body tagList author { username bio image } } } }',
    });
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].message).toMatch(/cost/i);
  });

  it('answers introspection when enabled and refuses it when not (production default)', async () => {
    const introspect = '{ __schema { queryType { name } } }';
    expect((await gql(introspect)).body.data.__schema.queryType.name).toBe('Query');
    const closed = buildApp({ GRAPHQL_INTROSPECTION: 'false' });
    const res = await request(closed).post('/graphql').send({ query: introspect });
    expect(res.body.errors[0].message).toMatch(/introspection/i);
  });

  it('serves GraphiQL only when enabled', async () => {
    expect((await request(app).get('/graphiql')).status).toBe(404);
    const dev = buildApp({ GRAPHIQL_ENABLED: 'true' });
    const page = await request(dev).get('/graphiql').expect(200);
    expect(page.text).toContain('/graphiql/static/');
    expect(page.text).not.toContain('unpkg.com');
    const asset = page.text.match(/\/graphiql\/static\/[\w.-]+\.js/)![0];
    expect((await request(dev).get(asset)).status).toBe(200);
  });

  it('serves the schema that docs/schema.graphql holds (npm run graphql:schema)', () => {
    const file = fs.readFileSync(
      path.join(__dirname, '..', '..', 'docs', 'schema.graphql'),
      'utf8',
    );
    expect(`${printSchema(app.graphqlSchema)}\n`).toBe(file);
  });
});
