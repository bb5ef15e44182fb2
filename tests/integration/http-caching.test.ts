/** HTTP caching (ETag, 304, Cache-Control) and compression of API answers. */
import request from 'supertest';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser } from '../helpers/factories';

useTestDatabase();
const app = buildApp();

describe('HTTP caching', () => {
  it('answers an anonymous GET with an ETag and public caching, and 304 without a body when the ETag matches', async () => {
    const first = await request(app).get('/api/v1/tags').expect(200);
    expect(first.headers.etag).toMatch(/^W\/"/);
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(first.headers.vary).toMatch(/Authorization/);
    const again = await request(app)
      .get('/api/v1/tags')
      .set('If-None-Match', first.headers.etag)
      .expect(304);
    expect(again.text).toBe('');
  });

  it('marks an answer to a request with a credential private and not to be stored', async () => {
    const user = await createUser(app);
    const res = await request(app).get('/api/v1/tags').set('Authorization', user.auth).expect(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('marks errors not to be stored', async () => {
    const res = await request(app).get('/api/v1/articles/no-such-article').expect(404);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('compression', () => {
  it('compresses JSON above 1 kB for a client that accepts gzip, and leaves small answers alone', async () => {
    const author = await createUser(app);
    const { slug } = await createArticle(app, author, { body: 'long '.repeat(400) });
    const big = await request(app)
      .get(`/api/v1/articles/${slug}`)
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(big.body.article.body).toBe('long '.repeat(400).trim()); // supertest inflates it
    const small = await request(app).get('/health/live').set('Accept-Encoding', 'gzip').expect(200);
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
