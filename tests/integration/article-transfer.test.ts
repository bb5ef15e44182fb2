import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { Article, User } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser, favorite, unique } from '../helpers/factories';

useTestDatabase();
const app = buildApp({ IMPORT_MAX_LINES: '5', IMPORT_MAX_LINE_BYTES: '2048' });

const csvOf = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

describe('GET /api/v1/articles/export.csv', () => {
  it('streams every matching article as CSV, escaping commas, quotes, new lines and unicode', async () => {
    const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
    const tricky = await createArticle(app, author, {
      title: 'Commas, "quotes" and\nnew lines',
      description: 'émoji 🐉, tabs\tand ;semicolons;',
      body: 'line 1\r\nline 2',
      tagList: ['csv', 'export'],
    });
    await createArticle(app, author, { title: `Plain ${unique('')}` });
    await favorite(app, reader, tricky.slug);

    const res = await request(app).get(`/api/v1/articles/export.csv?author=${author.username}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="articles.csv"');
    expect(res.headers['transfer-encoding']).toBe('chunked'); // streamed, not built then sent
    const rows = csvOf(res.text);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual({
      slug: tricky.slug,
      title: 'Commas, "quotes" and\nnew lines',
      description: 'émoji 🐉, tabs\tand ;semicolons;',
      body: 'line 1\r\nline 2',
      tagList: 'csv;export',
      author: author.username,
      favoritesCount: '1',
      createdAt: tricky.createdAt,
      updatedAt: expect.any(String),
    });
  });

  it('reads more than one cursor batch, newest first, and answers only the header when nothing matches', async () => {
    const author = await createUser(app);
    const authorId = (await User.findOne({ username: author.username }))!._id;
    const base = Date.now();
    await Article.insertMany(
      Array.from({ length: 1205 }, (_, i) => ({
        slug: `bulk-${author.username}-${i}`,
        title: `Bulk ${i}`,
        description: 'd',
        body: 'b',
        tagList: ['bulk'],
        author: authorId,
        createdAt: new Date(base + i * 1000),
        updatedAt: new Date(base + i * 1000),
      })),
    );
    const rows = csvOf(
      (await request(app).get(`/api/v1/articles/export.csv?author=${author.username}`)).text,
    );
    expect(rows).toHaveLength(1205);
    expect(rows[0].title).toBe('Bulk 1204');
    expect(rows[1204].title).toBe('Bulk 0');
    expect(new Set(rows.map((r) => r.author))).toEqual(new Set([author.username]));

    const none = await request(app).get('/api/v1/articles/export.csv?author=nobody-at-all');
    expect(none.text).toBe(
      'slug,title,description,body,tagList,author,favoritesCount,createdAt,updatedAt\n',
    );
  });
});

describe('POST /api/v1/articles/import', () => {
  const importing = (user: { auth: string }, body: string) =>
    request(app)
      .post('/api/v1/articles/import')
      .set('Authorization', user.auth)
      .set('Content-Type', 'application/x-ndjson')
      .send(body);
  const results = (text: string) =>
    text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));

  it('creates an article per good line and answers one result per line, then the totals', async () => {
    const user = await createUser(app);
    const title = `Imported ${unique('')}`;
    const body = [
      JSON.stringify({ title, description: 'd', body: 'b', tagList: ['b', 'a'] }),
      '',
      '{"title": "broken',
      JSON.stringify({ title: 'No body', description: 'd' }),
      JSON.stringify({ title: { $gt: '' }, description: 'd', body: 'b' }),
    ].join('\n');
    const res = await importing(user, body);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    expect(results(res.text)).toEqual([
      { line: 1, slug: expect.any(String) },
      { line: 3, errors: { body: ['is not valid JSON'] } },
      { line: 4, errors: { body: ['is required'] } },
      { line: 5, errors: { title: ['must be a string'] } },
      { created: 1, failed: 3 },
    ]);
    const stored = await Article.findOne({ title }).lean();
    expect(stored!.tagList).toEqual(['a', 'b']);
  });

  it('stops at IMPORT_MAX_LINES and at a line longer than IMPORT_MAX_LINE_BYTES', async () => {
    const user = await createUser(app);
    const line = (n: number) =>
      JSON.stringify({ title: `L${n} ${unique('')}`, description: 'd', body: 'b' });
    const many = await importing(user, Array.from({ length: 7 }, (_, i) => line(i)).join('\n'));
    const manyResults = results(many.text);
    expect(manyResults.slice(-2)).toEqual([
      { line: 6, errors: { body: ['more than 5 lines: stopped here'] } },
      { created: 5, failed: 1 },
    ]);
    const long = await importing(
      user,
      `${line(1)}\n${JSON.stringify({ title: 'x'.repeat(5000) })}\n${line(2)}`,
    );
    expect(results(long.text)).toEqual([
      { line: 1, slug: expect.any(String) },
      { line: 2, errors: { body: ['is longer than 2048 bytes: stopped here'] } },
      { created: 1, failed: 1 },
    ]);
  });

  it('answers 415 to another content type and 401 anonymously', async () => {
    const user = await createUser(app);
    await request(app)
      .post('/api/v1/articles/import')
      .set('Authorization', user.auth)
      .send({ title: 't' })
      .expect(415);
    await request(app)
      .post('/api/v1/articles/import')
      .set('Content-Type', 'application/x-ndjson')
      .send('{}')
      .expect(401);
  });
});
