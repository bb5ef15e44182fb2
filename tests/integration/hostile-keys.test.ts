/**
 * No key name reaches a 500. A key a client chooses may be looked up on a plain object,
 * where `constructor`, `__proto__`, `toString` or `hasOwnProperty` find Object.prototype's
 * members instead of nothing. A table over every operation of the OpenAPI document (path,
 * query, JSON body and multipart fields), GraphQL variables and every socket event: each
 * answer must be the operation's normal one (a documented 4xx in the error shape, or a
 * success), and Object.prototype must come out unchanged.
 */
import request from 'supertest';
import type { Role } from '../../src/domain/permissions';
import { User } from '../../src/models';
import { clientEvents } from '../../src/realtime/contract';
import { validValue } from '../resilience/helpers/fuzz';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser } from '../helpers/factories';
import { png } from '../helpers/files';
import { connect, listen } from '../helpers/realtime';

useTestDatabase();

type Json = Record<string, unknown>;

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

/** An object whose own keys are the hostile ones (JSON.parse makes `__proto__` an own key). */
const hostileObject = (): Json =>
  JSON.parse(
    `{${KEYS.map((k) => `"${k}":{"polluted":1,"prototype":{"polluted":1}}`).join(',')}}`,
  ) as Json;
const withHostileKeys = (value: unknown): Json => ({
  ...(value as Json),
  ...hostileObject(),
});

/** What went wrong with one answer, or nothing. */
function problemWith(what: string, status: number, body: unknown): string | undefined {
  if (({} as Json).polluted !== undefined) return `${what}: Object.prototype was polluted`;
  if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== PROTOTYPE_NAMES.join())
    return `${what}: Object.prototype changed`;
  if (status >= 500) return `${what}: ${status} ${JSON.stringify(body)}`;
  if (status >= 400 && !(body as Json | undefined)?.code)
    return `${what}: ${status} outside the error shape`;
  return undefined;
}

const app = buildApp();
const doc = app.openApiDocument as unknown as Json;

/** Someone allowed to call everything, with an article and a comment of theirs. */
async function world() {
  const user = await createUser(app);
  await User.updateOne({ username: user.username }, { $set: { role: 'admin' satisfies Role } });
  const { slug } = await createArticle(app, user);
  const comment = await request(app)
    .post(`/api/v1/articles/${slug}/comments`)
    .set('Authorization', user.auth)
    .send({ comment: { body: 'a comment' } });
  const params: Record<string, string> = {
    slug,
    username: user.username,
    id: String(comment.body.comment.id),
  };
  return { user, params };
}

const operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(
  ([template, methods]) =>
    template.startsWith('/graphql')
      ? [] // GraphQL has its own case below
      : Object.entries(methods).map(([method, op]) => ({ template, method, op })),
);

describe('any operation of the OpenAPI document', () => {
  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.template}`, o] as const))(
    'answers %s with hostile keys in path, query and body without a 5xx or a changed prototype',
    async (_name, { template, method, op }) => {
      const { user, params } = await world();
      const problems: string[] = [];
      const parameters = (op.parameters ?? []) as { name: string; in: string }[];
      const content = ((op.requestBody as Json | undefined)?.content ?? {}) as Json;
      const jsonSchema = (content['application/json'] as Json | undefined)?.schema as
        Json | undefined;
      const multipart = content['multipart/form-data'] !== undefined;
      const pathWith = (values: Record<string, string>) =>
        template.replace(/\{(\w+)\}/g, (_m, name: string) =>
          encodeURIComponent(values[name] ?? params[name] ?? 'x'),
        );
      const send = async (what: string, path: string, body?: string) => {
        let call = request(app)[method as 'get'](path).set('Authorization', user.auth);
        if (body !== undefined) call = call.set('Content-Type', 'application/json').send(body);
        const res = await call;
        const problem = problemWith(
          `${what} → ${method.toUpperCase()} ${path}`,
          res.status,
          res.body,
        );
        if (problem) problems.push(problem);
      };

      const valid = jsonSchema ? JSON.stringify(validValue(jsonSchema, doc)) : undefined;
      // The query: every key flat in one request, then each one nested as qs reads it.
      await send('query, flat', `${pathWith({})}?${KEYS.map((k) => `${k}=1`).join('&')}`, valid);
      for (const key of KEYS)
        await send(`query ${key}`, `${pathWith({})}?${key}[prototype][polluted]=1`, valid);
      // The path: each key as each parameter.
      for (const { name } of parameters.filter((p) => p.in === 'path'))
        for (const key of KEYS) await send(`path ${name}=${key}`, pathWith({ [name]: key }), valid);
      // The JSON body: the keys beside the valid fields, at the root and one level in.
      if (jsonSchema) {
        const body = JSON.parse(valid ?? '{}') as Json;
        await send('body root', pathWith({}), JSON.stringify(withHostileKeys(body)));
        const inner = Object.keys(body)[0];
        if (inner) {
          const nested = { ...body, [inner]: withHostileKeys(body[inner]) };
          await send(`body ${inner}`, pathWith({}), JSON.stringify(nested));
        }
      }
      // Multipart: a file, and fields named after each key.
      if (multipart) {
        let call = request(app)[method as 'post'](pathWith({})).set('Authorization', user.auth);
        for (const key of KEYS) call = call.field(key, 'x').field(`${key}[polluted]`, '1');
        const image = await png();
        const res = await call.attach('files', image, 'a.png').attach('image', image, 'a.png');
        const problem = problemWith(`multipart fields → ${template}`, res.status, res.body);
        if (problem) problems.push(problem);
      }
      expect(problems).toEqual([]);
    },
  );
});

describe('POST /graphql', () => {
  it('answers hostile keys in variables, input objects and the envelope without a 5xx or a changed prototype', async () => {
    const { user, params } = await world();
    const problems: string[] = [];
    const bodies: Json[] = [
      {
        query: 'mutation($article: NewArticleInput!) { createArticle(article: $article) { slug } }',
        variables: { article: withHostileKeys({ title: 't', description: 'd', body: 'b' }) },
      },
      {
        query: 'query($slug: String!) { article(slug: $slug) { slug } }',
        variables: withHostileKeys({ slug: params.slug }),
      },
      { query: '{ tags }', extensions: hostileObject(), operationName: null },
      ...KEYS.map((key) => ({
        query: `query ${key === '__proto__' ? 'p' : key} { tags }`,
        operationName: key,
      })),
      ...KEYS.map((key) => ({ query: `{ profile(username: "${key}") { username } }` })),
    ];
    for (const body of bodies) {
      const res = await request(app)
        .post('/graphql')
        .set('Authorization', user.auth)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
      const problem = problemWith(
        `graphql ${JSON.stringify(body).slice(0, 80)}`,
        res.status,
        res.body,
      );
      if (problem) problems.push(problem);
    }
    expect(problems).toEqual([]);
  });
});

describe('socket events', () => {
  it('acknowledges every client event sent hostile keys, as a refusal or a success, and the prototype is unchanged', async () => {
    const { user, params } = await world();
    const server = await listen(app);
    const client = await connect(server, app.asyncApiDocument, { auth: { token: user.token } });
    const problems: string[] = [];
    const valid: Record<string, Json> = {
      'article:join': { slug: params.slug },
      'article:leave': { slug: params.slug },
      'message:send': { to: user.username, body: 'hi' },
    };
    for (const event of Object.keys(clientEvents)) {
      for (const payload of [hostileObject(), withHostileKeys(valid[event])]) {
        const ack = await client.request<{ ok: boolean; code?: string }>(event, payload);
        if (typeof ack.ok !== 'boolean') problems.push(`${event}: no acknowledgement`);
        if (!ack.ok && ack.code === 'INTERNAL_ERROR') problems.push(`${event}: internal error`);
        const problem = problemWith(event, 200, ack);
        if (problem) problems.push(problem);
      }
    }
    expect(client.socket.connected).toBe(true);
    expect(problems).toEqual([]);
  });
});
