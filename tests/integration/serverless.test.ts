/**
 * The serverless entry points, invoked as their platforms invoke them: the Lambda handler
 * with API Gateway HTTP API (payload 2.0) events built from a recorded one, the Vercel
 * function with synthetic Node requests carrying Vercel's helpers. Both over the real
 * database, with files in GridFS (a function instance has no lasting disk).
 */
import mongoose from 'mongoose';
import sharp from 'sharp';
import { openDatabase } from '../../src/db';
import { disconnectDatabase } from '../../src/db/connection';
import { User } from '../../src/models';
import { createLambdaHandler } from '../../src/serverless/lambda';
import { createVercelHandler } from '../../src/serverless/vercel';
import { testConfig } from '../helpers/app';
import { testDatabaseUri } from '../helpers/database';
import { unique } from '../helpers/factories';
import { png } from '../helpers/files';
import {
  bodyOf,
  httpApiEvent,
  jsonOf,
  multipart,
  vercelPlatform,
  type HttpApiResult,
} from '../helpers/serverless';

const databaseUri = () => {
  const uri = new URL(testDatabaseUri());
  uri.pathname = `/serverless_${process.env.JEST_WORKER_ID ?? '0'}_${Date.now().toString(36)}`;
  return uri.toString();
};
const config = testConfig({
  MONGODB_URI: databaseUri(),
  STORAGE_DRIVER: 'gridfs',
  DB_CONNECT_RETRIES: '1',
});
const LAMBDA_CONTEXT = {
  functionName: 'conduit-api',
  awsRequestId: 'c0ffee00-0000-4000-8000-000000000001',
};

afterAll(async () => {
  if (mongoose.connection.db) await mongoose.connection.dropDatabase();
  await disconnectDatabase();
});

/** openDatabase, counted. */
function countedOpen() {
  const open = jest.fn(openDatabase);
  return open;
}

describe('AWS Lambda handler (src/lambda.ts)', () => {
  let invocations = 0;
  const open = countedOpen();
  // The first cold start finds the database unreachable; later invocations reach it.
  const lambda = createLambdaHandler(config, {
    openDatabase: (settings) => {
      invocations += 1;
      return invocations === 1 ? Promise.reject(new Error('connect ECONNREFUSED')) : open(settings);
    },
  });
  const invoke = async (input: Parameters<typeof httpApiEvent>[0]) =>
    (await lambda(httpApiEvent(input), LAMBDA_CONTEXT)) as HttpApiResult;

  async function register() {
    const username = unique('lambda');
    const res = await invoke({
      method: 'POST',
      path: '/api/v1/users',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        user: { username, email: `${username}@example.com`, password: 'correct horse battery' },
      }),
    });
    expect(res.statusCode).toBe(201);
    return { username, email: `${username}@example.com`, token: jsonOf(res).user.token as string };
  }

  it('answers 503 while the database is unreachable, and connects on the next invocation', async () => {
    const down = await invoke({ path: '/api/v1/tags' });
    expect(down.statusCode).toBe(503);
    expect(jsonOf(down)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });

    const up = await invoke({ path: '/api/v1/tags' });
    expect(up.statusCode).toBe(200);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('answers a recorded GET event with status, JSON body and API Gateway’s request id', async () => {
    const event = httpApiEvent({ path: '/api/v1/tags' });
    const res = (await lambda(event, LAMBDA_CONTEXT)) as HttpApiResult;
    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBe(false);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-request-id']).toBe(event.requestContext.requestId);
    expect(jsonOf(res)).toEqual({ tags: expect.any(Array) });
  });

  it('registers from a JSON body and stores the user; the token then authenticates', async () => {
    const user = await register();
    expect(await User.countDocuments({ username: user.username })).toBe(1);
    const me = await invoke({
      path: '/api/v1/user',
      headers: { authorization: `Token ${user.token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(jsonOf(me).user).toMatchObject({ username: user.username, email: user.email });
  });

  it('passes the raw query string through', async () => {
    const user = await register();
    const res = await invoke({
      path: '/api/v1/articles',
      query: `author=${user.username}&limit=1`,
    });
    expect(res.statusCode).toBe(200);
    expect(jsonOf(res)).toEqual({ articles: [], articlesCount: 0 });
  });

  it('answers an unknown route 404 in the error shape', async () => {
    const res = await invoke({ path: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(jsonOf(res)).toMatchObject({ code: 'NOT_FOUND', errors: expect.any(Object) });
  });

  it('returns Set-Cookie as the cookies array, and reads the event’s cookies', async () => {
    const user = await register();
    const login = await invoke({
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: { email: user.email, password: 'correct horse battery' } }),
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.startsWith('refreshToken='));
    expect(cookie).toMatch(/HttpOnly/);

    // A browser sends the cookie back; API Gateway puts it in `cookies`.
    const refreshed = await invoke({
      method: 'POST',
      path: '/api/v1/auth/refresh',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      cookies: [cookie!.split(';')[0]],
    });
    expect(refreshed.statusCode).toBe(200);
    expect(jsonOf(refreshed).refreshToken).not.toBe(jsonOf(login).refreshToken);
  });

  it('takes a base64 multipart upload and answers a file as base64 binary', async () => {
    const user = await register();
    const form = multipart('image', 'me.png', 'image/png', await png(300, 200));
    const upload = await invoke({
      method: 'PUT',
      path: '/api/v1/user/image',
      headers: { authorization: `Token ${user.token}`, 'content-type': form.contentType },
      body: form.body,
    });
    expect(upload.statusCode).toBe(200);
    const { image } = jsonOf(upload).user;
    expect(await User.countDocuments({ username: user.username, image })).toBe(1);

    const file = await invoke({ path: new URL(image).pathname });
    expect(file.statusCode).toBe(200);
    expect(file.isBase64Encoded).toBe(true);
    expect(file.headers['content-type']).toBe('image/webp');
    const meta = await sharp(bodyOf(file)).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
  });

  it('opens the database once per instance: warm invocations reuse it', async () => {
    const openHere = countedOpen();
    const fresh = createLambdaHandler(config, { openDatabase: openHere });
    for (let i = 0; i < 3; i += 1) {
      const res = (await fresh(
        httpApiEvent({ path: '/api/v1/tags' }),
        LAMBDA_CONTEXT,
      )) as HttpApiResult;
      expect(res.statusCode).toBe(200);
    }
    expect(openHere).toHaveBeenCalledTimes(1);
  });
});

describe('Vercel function (api/index.ts)', () => {
  const open = countedOpen();
  const vercel = vercelPlatform(createVercelHandler(config, { openDatabase: open }));
  afterAll(() => vercel.close());

  async function register() {
    const username = unique('vercel');
    const res = await vercel.send('POST', '/api/v1/users', {
      body: {
        user: { username, email: `${username}@example.com`, password: 'correct horse battery' },
      },
    });
    expect(res.status).toBe(201);
    return { username, email: `${username}@example.com`, token: res.body.user.token as string };
  }

  it('answers GET with status, headers and a JSON body', async () => {
    const res = await vercel.send('GET', '/api/v1/tags?unused=1');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.body).toEqual({ tags: expect.any(Array) });
  });

  it('parses a JSON body despite Vercel’s lazy req.body, and stores the user', async () => {
    const user = await register();
    expect(await User.countDocuments({ username: user.username })).toBe(1);
    const me = await vercel.send('GET', '/api/v1/user', {
      headers: { authorization: `Token ${user.token}` },
    });
    expect(me.body.user.username).toBe(user.username);
  });

  it('sets and reads cookies', async () => {
    const user = await register();
    const login = await vercel.send('POST', '/api/v1/auth/login', {
      body: { user: { email: user.email, password: 'correct horse battery' } },
    });
    const cookie = ([] as string[])
      .concat(login.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('refreshToken='));
    expect(cookie).toMatch(/HttpOnly/);
    const refreshed = await vercel.send('POST', '/api/v1/auth/refresh', {
      body: {},
      headers: { cookie: cookie!.split(';')[0] },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(login.body.refreshToken);
  });

  it('takes a binary multipart upload and serves the bytes back', async () => {
    const user = await register();
    const form = multipart('image', 'me.png', 'image/png', await png(120, 90));
    const upload = await vercel.send('PUT', '/api/v1/user/image', {
      headers: { authorization: `Token ${user.token}`, 'content-type': form.contentType },
      body: form.body,
    });
    expect(upload.status).toBe(200);
    const file = await vercel.send('GET', new URL(upload.body.user.image).pathname);
    expect(file.headers['content-type']).toBe('image/webp');
    expect((await sharp(file.body as Buffer).metadata()).format).toBe('webp');
  });

  it('opened the database once for all of the above', () => {
    expect(open).toHaveBeenCalledTimes(1);
  });
});
