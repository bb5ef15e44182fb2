/**
 * The schema-driven fuzzer (helpers/fuzz.ts) against the built server: every operation of
 * the OpenAPI document, thousands of hostile requests. 0 × 5xx; every 4xx in the error
 * shape and documented for its operation.
 */
import jwt from 'jsonwebtoken';
import { startApi, UNLIMITED, type ApiProcess } from '../../scripts/lib/api-process';
import { call, pool, registerUser, setRole } from './helpers/client';
import { fuzzCases } from './helpers/fuzz';
import { report } from './helpers/report';

const SECRET = 'fuzz-secret-fuzz-secret-fuzz-secret-42';
let api: ApiProcess;

beforeAll(async () => {
  api = await startApi({ env: { ...UNLIMITED, JWT_SECRET: SECRET } });
});
afterAll(() => api.stop());

interface ErrorBody {
  errors?: Record<string, unknown>;
  code?: unknown;
  requestId?: unknown;
}

/** What is wrong with an answer, or undefined when it keeps the contract. */
function problem(status: number, body: unknown, documented: string[]) {
  if (status >= 500) return `${status}`;
  if (status < 400) return undefined;
  if (!documented.includes(String(status))) return `undocumented ${status}`;
  const { errors, code, requestId } = (body ?? {}) as ErrorBody;
  const shaped =
    errors &&
    typeof errors === 'object' &&
    Object.values(errors).every((m) => Array.isArray(m) && m.every((s) => typeof s === 'string')) &&
    typeof code === 'string' &&
    typeof requestId === 'string';
  return shaped
    ? undefined
    : `${status} not in the error shape: ${JSON.stringify(body).slice(0, 200)}`;
}

it('answers every hostile request with a documented 4xx in the error shape, never a 5xx', async () => {
  const doc = (await call(api.baseUrl, 'GET', '/docs/openapi.json')).body as {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  };
  const expiredToken = jwt.sign({ type: 'access', ver: 0 }, SECRET, {
    subject: '0123456789abcdef01234567',
    expiresIn: -60,
  });
  const badAuth: [string, string][] = [
    ['missing', ''],
    ['scheme only', 'Token'],
    ['garbage', 'Token garbage'],
    ['other scheme', 'Basic dXNlcjpwYXNz'],
    ['alg none', `Token ${Buffer.from('{"alg":"none"}').toString('base64url')}.e30.`],
    ['expired', `Bearer ${expiredToken}`],
    [
      'wrong secret',
      `Token ${jwt.sign({ type: 'access' }, 'x'.repeat(40), { subject: '0123456789abcdef01234567' })}`,
    ],
    ['huge', `Token ${'a'.repeat(8000)}`],
  ];

  // Fresh fixtures for each operation: an admin (every permission), a target user, an
  // article and a comment, so one operation's side effects never starve the next.
  const cases = fuzzCases({ doc, params: {}, auth: '', badAuth });
  const operations = [...new Set(cases.map((c) => c.operation))];
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  const started = Date.now();
  for (const operation of operations) {
    const admin = await registerUser(api.baseUrl, 'fuzzadmin');
    await setRole(api, admin.username, 'admin');
    const target = await registerUser(api.baseUrl, 'fuzztarget');
    const article = await call(api.baseUrl, 'POST', '/api/v1/articles', {
      auth: admin.auth,
      body: {
        article: { title: `Fuzz ${Date.now()}`, description: 'd', body: 'b', tagList: ['fuzz'] },
      },
    });
    const slug = (article.body as { article: { slug: string } }).article.slug;
    const comment = await call(api.baseUrl, 'POST', `/api/v1/articles/${slug}/comments`, {
      auth: admin.auth,
      body: { comment: { body: 'fuzz' } },
    });
    const params = {
      slug,
      username: target.username,
      id: (comment.body as { comment: { id: string } }).comment.id,
    };
    const mine = fuzzCases({ doc, params, auth: admin.auth, badAuth }).filter(
      (c) => c.operation === operation,
    );
    const [method, template] = operation.split(' ');
    const documented = Object.keys(doc.paths[template][method].responses);
    await pool(
      mine.map((fuzz) => async () => {
        const headers = Object.fromEntries(
          Object.entries(fuzz.headers).filter(([, v]) => v !== ''),
        );
        const res = await call(api.baseUrl, fuzz.method, fuzz.path, { body: fuzz.body, headers });
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const wrong = problem(res.status, res.body, documented);
        if (wrong) failures.push(`${fuzz.operation} [${fuzz.mutation}] → ${wrong}`);
      }),
      8,
    );
  }
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  report('fuzz', {
    operations: operations.length,
    requests: total,
    seconds: Math.round((Date.now() - started) / 1000),
    statuses,
    '5xx': Object.entries(statuses)
      .filter(([s]) => Number(s) >= 500)
      .reduce((sum, [, n]) => sum + n, 0),
    problems: failures.length,
  });
  expect(failures.slice(0, 30)).toEqual([]);
});
