/**
 * GET /metrics: Prometheus metrics for a scraper holding METRICS_TOKEN — request
 * durations per route template and status, database commands, cache lookups, Node's own
 * metrics — and
 * no /metrics at all without a token.
 */
import request from 'supertest';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser } from '../helpers/factories';

useTestDatabase();

const TOKEN = 'scrape-token-0123456789abcdef';
const app = buildApp({ METRICS_TOKEN: TOKEN });
const scrape = () =>
  request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);

/** The value of a sample line `name{labels} value`, or undefined. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('GET /metrics', () => {
  it('counts requests per route template and status, not per URL', async () => {
    const author = await createUser(app);
    const article = await createArticle(app, author);
    const before = await scrape();
    await request(app).get(`/api/v1/articles/${article.slug}`).expect(200);
    await request(app).get('/api/v1/articles/no-such-article').expect(404);
    await request(app).get('/no/such/path').expect(404);

    const { text, headers } = await scrape();
    expect(headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(headers['cache-control']).toBe('no-store');
    const count = (body: string, labels: string) =>
      sample(body, 'http_request_duration_seconds_count', labels) ?? 0;
    const ok = 'method="GET",route="/api/v1/articles/:slug",status_code="200"';
    const missing = 'method="GET",route="/api/v1/articles/:slug",status_code="404"';
    expect(count(text, ok) - count(before.text, ok)).toBe(1);
    expect(count(text, missing) - count(before.text, missing)).toBe(1);
    expect(count(text, 'route="(no route)",status_code="404"')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(article.slug); // one series per template, whatever the URL
  });

  it('times database commands, and exposes event-loop delay, heap and RSS', async () => {
    await request(app).get('/api/v1/tags').expect(200);
    const { text } = await scrape();
    expect(
      sample(text, 'db_command_duration_seconds_count', 'command="aggregate",outcome="ok"'),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  });

  it('counts read-cache lookups per layer and result', async () => {
    const author = await createUser(app);
    const { slug } = await createArticle(app, author);
    const lookups = (text: string, result: string) =>
      sample(text, 'cache_lookups_total', `layer="local",result="${result}"`) ?? 0;
    const before = await scrape();
    await request(app).get(`/api/v1/articles/${slug}`).expect(200); // a miss, then stored
    await request(app).get(`/api/v1/articles/${slug}`).expect(200); // a hit
    const { text } = await scrape();
    expect(lookups(text, 'miss') - lookups(before.text, 'miss')).toBeGreaterThanOrEqual(1);
    expect(lookups(text, 'hit') - lookups(before.text, 'hit')).toBeGreaterThanOrEqual(1);
  });

  it('answers 401 in the error shape without the token, or with another one', async () => {
    for (const header of [undefined, 'Bearer wrong-token-0123456789abc', `Token ${TOKEN}`]) {
      const call = request(app).get('/metrics');
      if (header) call.set('Authorization', header);
      const res = await call.expect(401);
      expect(res.body).toMatchObject({
        code: 'UNAUTHORIZED',
        errors: { authorization: expect.any(Array) },
      });
    }
  });

  it('does not exist without METRICS_TOKEN', async () => {
    const res = await request(buildApp()).get('/metrics').expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
