/**
 * Any database going away (here a FerretDB of this file's own, reached as a plain URI):
 * API calls answer 503 promptly in the error shape, and the API recovers by itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { connectDatabase, disconnectDatabase, isDatabaseConnected } from '../../src/db/connection';
import { startFerretdb, type EmbeddedDatabase } from '../../src/db/ferretdb';
import { buildApp } from '../helpers/app';
import { ferretdbCacheDir as cacheDir } from '../helpers/database';
import { createArticle, createUser } from '../helpers/factories';

let db: EmbeddedDatabase;
let dataDir: string;
const log = () => undefined;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-outage-'));
  db = await startFerretdb({ dataDir, cacheDir, log });
  await connectDatabase(`${db.uri}outage`, { retries: 0, serverSelectionTimeoutMs: 3000 });
});

afterAll(async () => {
  await disconnectDatabase();
  await db.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function waitFor(check: () => boolean | Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the database goes down and comes back', () => {
  it('answers 503 with Retry-After at once while it is down, then serves again without a restart', async () => {
    const app = buildApp();
    const author = await createUser(app);
    const article = await createArticle(app, author);
    const port = new URL(db.uri).port;

    await db.stop();
    await waitFor(() => !isDatabaseConnected(), 5000);
    for (const path of ['/api/v1/articles', `/api/v1/articles/${article.slug}`, '/api/v1/tags']) {
      const started = Date.now();
      const res = await request(app).get(path).set('Authorization', author.auth);
      expect(Date.now() - started).toBeLessThan(500); // not the 3 s server-selection wait
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        errors: { database: ['is unreachable'] },
        code: 'SERVICE_UNAVAILABLE',
      });
      expect(res.headers['retry-after']).toBe('5');
    }
    await request(app).get('/health/live').expect(200);
    await request(app).get('/health/ready').expect(503);

    db = await startFerretdb({ dataDir, cacheDir, log, listenAddr: `127.0.0.1:${port}` });
    await waitFor(
      async () => (await request(app).get(`/api/v1/articles/${article.slug}`)).status === 200,
      20_000,
    );
    await request(app).get('/api/v1/user').set('Authorization', author.auth).expect(200);
  });

  it('answers a request caught in flight by the outage with 503, never 500', async () => {
    const app = buildApp();
    const author = await createUser(app);
    const port = new URL(db.uri).port;
    await db.stop();
    // Sent before the driver has noticed: the request waits for a server, then gives up.
    const res = await request(app).get('/api/v1/articles').set('Authorization', author.auth);
    expect(res.status).toBe(503);
    db = await startFerretdb({ dataDir, cacheDir, log, listenAddr: `127.0.0.1:${port}` });
    await waitFor(async () => (await request(app).get('/api/v1/tags')).status === 200, 20_000);
  });
});
