/**
 * Test data made the way a client makes it: through the HTTP API. Every call makes
 * unique values, so tests never depend on each other's data.
 */
import type { Express } from 'express';
import request from 'supertest';

let sequence = 0;
export function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}${Date.now().toString(36)}${sequence}${Math.random().toString(36).slice(2, 6)}`;
}

export interface TestUser {
  username: string;
  email: string;
  password: string;
  token: string;
  /** The Authorization header value RealWorld clients send. */
  auth: string;
}

export async function createUser(
  app: Express,
  overrides: Partial<{ username: string; email: string; password: string }> = {},
): Promise<TestUser> {
  const username = overrides.username ?? unique('user');
  const input = {
    username,
    email: overrides.email ?? `${username}@example.com`,
    password: overrides.password ?? 'correct horse battery',
  };
  const res = await request(app).post('/api/v1/users').send({ user: input });
  if (res.status !== 201)
    throw new Error(`createUser failed: ${res.status} ${JSON.stringify(res.body)}`);
  const { token, email } = res.body.user as { token: string; email: string };
  return { ...input, email, token, auth: `Token ${token}` };
}

export interface ArticleInput {
  title: string;
  description: string;
  body: string;
  tagList: string[];
}

export async function createArticle(
  app: Express,
  author: TestUser,
  overrides: Partial<ArticleInput> = {},
) {
  const article: ArticleInput = {
    title: overrides.title ?? unique('Title '),
    description: overrides.description ?? 'A description',
    body: overrides.body ?? 'The body of the article.',
    tagList: overrides.tagList ?? [],
  };
  const res = await request(app)
    .post('/api/v1/articles')
    .set('Authorization', author.auth)
    .send({ article });
  if (res.status !== 201)
    throw new Error(`createArticle failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.article as ArticleInput & {
    slug: string;
    createdAt: string;
    favoritesCount: number;
  };
}

export async function follow(app: Express, follower: TestUser, username: string) {
  await request(app)
    .post(`/api/v1/profiles/${username}/follow`)
    .set('Authorization', follower.auth)
    .expect(200);
}

export async function favorite(app: Express, user: TestUser, slug: string) {
  await request(app)
    .post(`/api/v1/articles/${slug}/favorite`)
    .set('Authorization', user.auth)
    .expect(200);
}
