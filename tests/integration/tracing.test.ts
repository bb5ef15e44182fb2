/**
 * Traces, read back from a real Jaeger (built once per machine, tools/jaeger): the API and
 * the worker as real processes with OTEL_EXPORTER_OTLP_ENDPOINT set, RabbitMQ between them.
 * Each flow is sent with a W3C traceparent, so its trace id is known: a REST favorite, a
 * GraphQL query, a job the worker does. The spans and their parents are the layers.
 */
import { randomBytes } from 'node:crypto';
import { io as connectSocket, type Socket } from 'socket.io-client';
import {
  startApi,
  startWorker,
  UNLIMITED,
  type ApiProcess,
  type WorkerProcess,
} from '../../scripts/lib/api-process';
import { startJaeger, type Jaeger } from '../../scripts/lib/jaeger';
import { ancestry, readTrace, type ReadSpan } from '../helpers/jaeger';
import { deleteTopology, testAmqpUrl, uniquePrefix } from '../helpers/rabbitmq';

jest.setTimeout(120_000);

let jaeger: Jaeger;
let api: ApiProcess;
let worker: WorkerProcess;
const prefix = uniquePrefix('tracing');
const RETRY = '1000';

beforeAll(async () => {
  // Built by the global setup; if that failed (no Go, no module proxy), say why here.
  if (process.env.TEST_JAEGER_BUILD_ERROR)
    throw new Error(`Jaeger could not be built: ${process.env.TEST_JAEGER_BUILD_ERROR}`);
  jaeger = await startJaeger({ log: () => undefined });
  const tracing = {
    OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpEndpoint,
    OTEL_BSP_SCHEDULE_DELAY: '100', // spans leave within 100 ms, not the default 5 s
    AMQP_URL: testAmqpUrl(),
    JOB_QUEUE_PREFIX: prefix,
    JOB_RETRY_DELAYS_MS: RETRY,
  };
  api = await startApi({ fromSource: true, env: { ...UNLIMITED, ...tracing, LOG_LEVEL: 'http' } });
  const embedded = api.logs.find((l) => l.message === 'embedded FerretDB started');
  worker = await startWorker(
    { ...tracing, MONGODB_URI: `${String(embedded?.uri)}conduit` },
    { fromSource: true },
  );
});

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await jaeger?.stop();
  await deleteTopology(testAmqpUrl(), { prefix, retryDelaysMs: [Number(RETRY)] }).catch(
    () => undefined,
  );
});

/** A traceparent of a new trace, as a client that traces would send it. */
function newTrace() {
  const traceId = randomBytes(16).toString('hex');
  const clientSpanId = randomBytes(8).toString('hex');
  return { traceId, clientSpanId, traceparent: `00-${traceId}-${clientSpanId}-01` };
}

/** What the calls below read from an answer. */
interface Answer {
  user: { token: string };
  article: { slug: string };
}

async function call(path: string, init: { method?: string; body?: unknown; headers?: object }) {
  const res = await fetch(`${api.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'Content-Type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as Answer };
}

let sequence = 0;
async function signUp() {
  sequence += 1;
  const username = `tracer${sequence}${Date.now().toString(36)}`;
  const { body } = await call('/api/v1/users', {
    method: 'POST',
    body: {
      user: { username, email: `${username}@example.com`, password: 'correct horse battery' },
    },
  });
  return { username, token: body.user.token };
}

const named = (spans: ReadSpan[], name: string | RegExp) =>
  spans.find((s) => (typeof name === 'string' ? s.name === name : name.test(s.name)));

describe('POST /api/v1/articles/:slug/favorite, traced', () => {
  it('reads route → handler → service → cache and database → event → socket push, under the client’s span, with the trace id in its log lines', async () => {
    const [author, reader] = await Promise.all([signUp(), signUp()]);
    const { body } = await call('/api/v1/articles', {
      method: 'POST',
      headers: { Authorization: `Token ${author.token}` },
      body: { article: { title: `Traced ${Date.now()}`, description: 'd', body: 'b' } },
    });
    // The author is online: the favorite's notification is pushed to their socket.
    const socket: Socket = connectSocket(api.baseUrl, {
      auth: { token: author.token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const pushed = new Promise((resolve) => socket.once('notification', resolve));

    const { traceId, clientSpanId, traceparent } = newTrace();
    const favorite = await call(`/api/v1/articles/${body.article.slug}/favorite`, {
      method: 'POST',
      headers: { Authorization: `Token ${reader.token}`, traceparent },
    });
    expect(favorite.status).toBe(200);
    await pushed;
    socket.disconnect();

    const spans = await readTrace(jaeger.queryUrl, traceId, (s) =>
      // The request's own span ends last, after its answer: it may come in a later batch.
      [
        /^send /,
        'notifications.notify',
        'insert favorites',
        'POST /api/v1/articles/:slug/favorite',
      ].every((n) => named(s, n)),
    );
    const server = named(spans, 'POST /api/v1/articles/:slug/favorite');
    expect(server?.parentId).toBe(clientSpanId); // the client's traceparent was honoured
    expect(ancestry(spans, named(spans, 'insert favorites'))).toEqual([
      'insert favorites',
      'articles.favorite',
      'request handler - /api/v1/articles/:slug/favorite',
      'POST /api/v1/articles/:slug/favorite',
    ]);
    expect(ancestry(spans, named(spans, 'notifications.notify')).slice(1, 3)).toEqual([
      'event article.favorited',
      'articles.favorite',
    ]);
    // The cache, and Redis under it; the live push, caused by the request, in its trace.
    expect(named(spans, 'cache.read')?.service).toBe('conduit-api');
    expect(spans.some((s) => s.tags['db.system.name'] === 'redis')).toBe(true);
    const push = named(spans, /^send /);
    expect(push?.tags).toMatchObject({ 'messaging.socket.io.event_name': 'notification' });
    expect(ancestry(spans, push)).toContain('event notification.created');

    const lines = api.logs.filter((l) => l.trace_id === traceId);
    expect(lines.some((l) => l.level === 'http' && String(l.message).includes('/favorite'))).toBe(
      true,
    );
    for (const line of lines) {
      expect(line).toMatchObject({ span_id: expect.stringMatching(/^[0-9a-f]{16}$/) });
      expect(line.requestId).toEqual(expect.any(String));
    }
  });

  it('marks a failed request with the project’s error code, on the request and on the service span', async () => {
    const reader = await signUp();
    const { traceId, traceparent } = newTrace();
    const res = await call('/api/v1/articles/no-such-article/favorite', {
      method: 'POST',
      headers: { Authorization: `Token ${reader.token}`, traceparent },
    });
    expect(res.status).toBe(404);
    const spans = await readTrace(jaeger.queryUrl, traceId, (s) =>
      Boolean(named(s, 'articles.favorite') && named(s, 'POST /api/v1/articles/:slug/favorite')),
    );
    expect(named(spans, 'articles.favorite')?.tags).toMatchObject({
      'error.code': 'NOT_FOUND',
      error: true,
    });
    expect(named(spans, 'POST /api/v1/articles/:slug/favorite')?.tags).toMatchObject({
      'error.code': 'NOT_FOUND',
    });
  });
});

describe('POST /graphql, traced', () => {
  it('reads HTTP → GraphQL operation → resolver → service → cache', async () => {
    const { traceId, traceparent } = newTrace();
    const res = await call('/graphql', {
      method: 'POST',
      headers: { traceparent },
      body: {
        query: 'query Recent { articles(limit: 5) { articles { slug author { username } } } }',
      },
    });
    expect(res.status).toBe(200);
    const spans = await readTrace(jaeger.queryUrl, traceId, (s) =>
      Boolean(named(s, 'articles.list') && named(s, 'cache.read') && named(s, 'POST /graphql')),
    );
    expect(ancestry(spans, named(spans, 'articles.list'))).toEqual([
      'articles.list',
      'graphql.resolve articles',
      'query Recent',
      'request handler - /graphql',
      'POST /graphql',
    ]);
    expect(named(spans, 'cache.read')).toBeDefined();
  });
});

describe('a job through the outbox, RabbitMQ and the worker, traced', () => {
  it('continues the request’s trace in the worker: sign-up → outbox → RabbitMQ → worker → job', async () => {
    const { traceId, traceparent } = newTrace();
    const username = `jobtracer${Date.now().toString(36)}`;
    const res = await call('/api/v1/users', {
      method: 'POST',
      headers: { traceparent },
      body: {
        user: { username, email: `${username}@example.com`, password: 'correct horse battery' },
      },
    });
    expect(res.status).toBe(201);
    const spans = await readTrace(
      jaeger.queryUrl,
      traceId,
      (s) =>
        // Two processes send their batches apart: wait until the job's chain reaches the request.
        ancestry(s, named(s, 'job email.verification')).at(-1) === 'POST /api/v1/users',
    );
    const job = named(spans, 'job email.verification');
    expect(job?.service).toBe('conduit-worker');
    // From the job up: the worker's consume, the relay's publish, the outbox, the sign-up.
    expect(ancestry(spans, job)).toEqual([
      'job email.verification',
      `${prefix}.jobs process`,
      `publish ${prefix}.jobs`,
      'outbox.enqueue email.verification',
      'accounts.requestVerificationEmail',
      'event user.registered',
      'users.register',
      'request handler - /api/v1/users',
      'POST /api/v1/users',
    ]);
    expect(new Set(spans.map((s) => s.service))).toEqual(
      new Set(['conduit-api', 'conduit-worker']),
    );
  });
});
