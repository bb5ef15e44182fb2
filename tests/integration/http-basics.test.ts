import 'express-async-errors';
import express from 'express';
import request from 'supertest';
import { createErrorHandler } from '../../src/middleware/error-handler';
import { requestId } from '../../src/middleware/request-id';
import { buildApp } from '../helpers/app';
import { captureLogs } from '../helpers/log-capture';

// These requests never reach the database, but everything under /api/v1 answers 503 while
// it is down (database-outage.test.ts): this app is told it is up.
const databaseUp = { isDatabaseConnected: () => true };

const errorShape = {
  errors: expect.any(Object),
  code: expect.any(String),
  requestId: expect.any(String),
};

describe('unknown routes', () => {
  it('answers 404 in the error shape', async () => {
    const res = await request(buildApp({}, databaseUp)).get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      ...errorShape,
      errors: { route: ['GET /api/v1/no-such-thing does not exist'] },
      code: 'NOT_FOUND',
    });
  });
});

describe('request bodies', () => {
  it('answers 400 to malformed JSON', async () => {
    const res = await request(buildApp())
      .post('/api/v1/users')
      .set('Content-Type', 'application/json')
      .send('{"user": {');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      errors: { body: ['is not valid JSON'] },
      code: 'MALFORMED_JSON',
    });
  });

  it('answers 413 to a JSON body over the configured limit', async () => {
    const app = buildApp({ BODY_LIMIT: '1kb' });
    const res = await request(app)
      .post('/api/v1/users')
      .send({ user: { bio: 'x'.repeat(2048) } });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ ...errorShape, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers 415 to a charset or a Content-Encoding it does not read', async () => {
    const charset = await request(buildApp())
      .post('/api/v1/users')
      .set('Content-Type', 'application/json; charset=latin2')
      .send('{"user":{}}');
    expect(charset.status).toBe(415);
    expect(charset.body).toMatchObject({ ...errorShape, code: 'UNSUPPORTED_MEDIA_TYPE' });
    const encoding = await request(buildApp())
      .post('/api/v1/users')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'compress')
      .send('{"user":{}}');
    expect(encoding.status).toBe(415);
  });

  it('answers 413 to a body sent to a route that takes none', async () => {
    const res = await request(buildApp({ BODY_LIMIT: '1kb' }))
      .get('/api/v1/tags')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ x: 'y'.repeat(2048) }));
    expect(res.status).toBe(413);
  });

  it('answers 400 to a badly percent-encoded path', async () => {
    const res = await request(buildApp({}, databaseUp)).get('/api/v1/profiles/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject(errorShape);
  });

  it('answers 413 to an oversized urlencoded body too', async () => {
    const res = await request(buildApp({ BODY_LIMIT: '1kb' }))
      .post('/api/v1/users')
      .type('form')
      .send(`bio=${'x'.repeat(2048)}`);
    expect(res.status).toBe(413);
  });
});

describe('request ids', () => {
  it('generates an X-Request-Id when none is sent and puts it in error bodies', async () => {
    const res = await request(buildApp()).get('/nope');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('echoes a sane incoming X-Request-Id', async () => {
    const res = await request(buildApp()).get('/health/live').set('X-Request-Id', 'client-abc.123');
    expect(res.headers['x-request-id']).toBe('client-abc.123');
  });

  it('replaces an unsafe incoming X-Request-Id', async () => {
    const res = await request(buildApp())
      .get('/health/live')
      .set('X-Request-Id', 'bad id with spaces<script>');
    expect(res.headers['x-request-id']).not.toContain('script');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('attaches the request id to every log line of that request', async () => {
    const logs = captureLogs();
    try {
      await request(buildApp()).get('/nope').set('X-Request-Id', 'trace-me-42');
    } finally {
      logs.restore();
    }
    const access = logs.lines.find((l) => String(l.message).startsWith('GET /nope 404'));
    expect(access).toMatchObject({ level: 'http', requestId: 'trace-me-42' });
  });

  it('never logs the Authorization header or cookies', async () => {
    const logs = captureLogs();
    try {
      await request(buildApp())
        .get('/nope')
        .set('Authorization', 'Token super-secret-token')
        .set('Cookie', 'sid=secret-cookie');
    } finally {
      logs.restore();
    }
    const text = JSON.stringify(logs.lines);
    expect(text).not.toContain('super-secret-token');
    expect(text).not.toContain('secret-cookie');
  });
});

describe('security headers', () => {
  it("sets an API's headers on JSON routes (OWASP REST) and hides X-Powered-By", async () => {
    const res = await request(buildApp()).get('/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it("sets helmet's page headers on pages (Swagger UI)", async () => {
    const res = await request(buildApp()).get('/docs/');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  });
});

describe('CORS', () => {
  const app = buildApp({ CORS_ORIGINS: 'http://allowed.example,http://also.example' });

  it('allows a listed origin, preflight included', async () => {
    const res = await request(app)
      .options('/api/v1/articles')
      .set('Origin', 'http://allowed.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://allowed.example');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
  });

  it('gives an unlisted origin no Access-Control-Allow-Origin', async () => {
    const res = await request(app).get('/health/live').set('Origin', 'http://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limiting', () => {
  it('answers 429 in the error shape with Retry-After and RateLimit headers', async () => {
    const app = buildApp({ RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000' }, databaseUp);
    await request(app).get('/api/v1/x').expect(404);
    const second = await request(app).get('/api/v1/x').expect(404);
    expect(second.headers['ratelimit']).toMatch(/remaining=0/);
    const res = await request(app).get('/api/v1/x');
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ ...errorShape, code: 'RATE_LIMITED' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['ratelimit-policy']).toBe('2;w=60');
  });

  it('never limits the health probes', async () => {
    const app = buildApp({ RATE_LIMIT_MAX: '1' });
    for (let i = 0; i < 3; i += 1) await request(app).get('/health/live').expect(200);
  });

  it('counts clients by X-Forwarded-For only behind a configured proxy hop', async () => {
    const app = buildApp({ RATE_LIMIT_MAX: '1', TRUST_PROXY_HOPS: '1' });
    await request(app).get('/x').set('X-Forwarded-For', '203.0.113.1').expect(404);
    await request(app).get('/x').set('X-Forwarded-For', '203.0.113.2').expect(404);
    await request(app).get('/x').set('X-Forwarded-For', '203.0.113.1').expect(429);
  });
});

describe('static files', () => {
  it('serves public/ with cache headers', async () => {
    const res = await request(buildApp()).get('/styles.css');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers['etag']).toBeDefined();
  });
});

describe('unexpected errors', () => {
  // A throwing route on a bare app: the real handler and express-async-errors, no test hook in src.
  function appThatThrows(exposeInternals: boolean) {
    const app = express();
    app.use(requestId);
    app.get('/boom', async () => {
      await Promise.resolve();
      throw new Error('connection string mongodb://admin:hunter2@db leaked');
    });
    app.use(createErrorHandler({ exposeInternals }));
    return app;
  }

  it('answers 500 without internals in production mode', async () => {
    const logs = captureLogs();
    const res = await request(appThatThrows(false)).get('/boom');
    logs.restore();
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      errors: { body: ['Internal server error'] },
      code: 'INTERNAL_ERROR',
      requestId: res.headers['x-request-id'],
    });
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
    expect(
      logs.lines.some((l) => l.message === 'unhandled error' && l.requestId === res.body.requestId),
    ).toBe(true);
  });

  it('brings a rejection in one of the app’s own async handlers to the error handler (express-async-errors)', async () => {
    // The tags handler awaits the service; Express 4 alone would leave this request hanging.
    const app = buildApp({}, databaseUp);
    jest.spyOn(app.services.tags, 'list').mockRejectedValue(new Error('tags exploded'));
    const logs = captureLogs();
    const res = await request(app).get('/api/v1/tags');
    logs.restore();
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      errors: { body: ['tags exploded'] },
      code: 'INTERNAL_ERROR',
      requestId: res.headers['x-request-id'],
    });
    expect(logs.lines.some((l) => l.message === 'unhandled error')).toBe(true);
  });

  it('shows the message outside production, but the stack only in the log', async () => {
    const logs = captureLogs();
    const res = await request(appThatThrows(true)).get('/boom');
    logs.restore();
    expect(res.status).toBe(500);
    expect(res.body.errors.body[0]).toContain('leaked');
    expect(res.body.stack).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toMatch(/\.ts:\d+/); // no file paths
    const logged = logs.lines.find((l) => l.message === 'unhandled error');
    expect(JSON.stringify(logged)).toContain('http-basics.test.ts');
  });
});
