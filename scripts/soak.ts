/**
 * `npm run soak [-- --seconds 180 --reads-only]`: loads the built API at concurrency 10 for
 * a while, and prints, per 30-second window, requests/s, p50, p99 and RSS; then which
 * objects grew on the heap between a snapshot after warm-up and one at the end. Run it
 * with writes (articles, favorites, comments: the data grows) and with --reads-only (it
 * does not) to tell data growth from a leak. Figures: docs/RELIABILITY.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startApi, UNLIMITED, type ApiProcess } from './lib/api-process';
import { heapGrowth, summarizeHeap } from './lib/heap-snapshot';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '180' },
    'reads-only': { type: 'boolean', default: false },
    // A heap snapshot makes V8 allocate a lot, and RSS never comes back down: for a clean
    // RSS series, skip them.
    'skip-heap': { type: 'boolean', default: false },
  },
});
const SECONDS = Number(values.seconds);
const WINDOW = 30;
const readsOnly = values['reads-only'];
const skipHeap = values['skip-heap'];

async function json(api: ApiProcess, method: string, url: string, body?: object, token?: string) {
  const res = await fetch(`${api.baseUrl}${url}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token && { Authorization: `Token ${token}` }),
    },
    body: body && JSON.stringify(body),
  });
  return (await res.json()) as Record<string, never>;
}

/** Ten users with five articles each; returns a token and the slugs. */
async function seed(api: ApiProcess) {
  let token = '';
  const slugs: string[] = [];
  for (let u = 0; u < 10; u += 1) {
    const name = `soak${u}${Date.now().toString(36)}`;
    const { user } = await json(api, 'POST', '/api/v1/users', {
      user: { username: name, email: `${name}@example.com`, password: 'violet kettle sunrise' },
    });
    token = (user as { token: string }).token;
    for (let a = 0; a < 5; a += 1) {
      const { article } = await json(
        api,
        'POST',
        '/api/v1/articles',
        {
          article: {
            title: `${name} ${a}`,
            description: 'd',
            body: 'b'.repeat(500),
            tagList: ['soak', `t${a}`],
          },
        },
        token,
      );
      slugs.push((article as { slug: string }).slug);
    }
  }
  return { token, slugs };
}

function workload(token: string, slugs: string[]): autocannon.Request[] {
  const auth = { authorization: `Token ${token}`, 'content-type': 'application/json' };
  let n = 0;
  const slug = () => slugs[n++ % slugs.length];
  const reads: autocannon.Request[] = [
    { method: 'GET', path: '/api/v1/articles?limit=20' },
    { method: 'GET', path: '/api/v1/articles?limit=20', headers: auth },
    { method: 'GET', path: '/api/v1/tags' },
    { method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/v1/articles/${slug()}` }) },
  ];
  if (readsOnly) return reads;
  return [
    ...reads,
    {
      method: 'POST',
      path: '/api/v1/articles',
      headers: auth,
      setupRequest: (r) => ({
        ...r,
        body: JSON.stringify({
          article: { title: `soak ${Date.now()} ${n++}`, description: 'd', body: 'b'.repeat(500) },
        }),
      }),
    },
    {
      method: 'POST',
      headers: auth,
      setupRequest: (r) => ({ ...r, path: `/api/v1/articles/${slug()}/favorite` }),
    },
    {
      method: 'POST',
      headers: auth,
      setupRequest: (r) => ({
        ...r,
        path: `/api/v1/articles/${slug()}/comments`,
        body: JSON.stringify({ comment: { body: 'a soak comment' } }),
      }),
    },
  ];
}

function run(api: ApiProcess, requests: autocannon.Request[], seconds: number) {
  return autocannon({ url: api.baseUrl, connections: 10, duration: seconds, requests });
}

/** Asks the API for a heap snapshot (SIGUSR2) and waits until the file is written. */
async function snapshot(api: ApiProcess, dir: string): Promise<string> {
  const before = new Set(fs.readdirSync(dir));
  api.child.kill('SIGUSR2');
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (!file) continue;
    const full = path.join(dir, file);
    const size = fs.statSync(full).size;
    await new Promise((r) => setTimeout(r, 1000));
    if (size > 0 && fs.statSync(full).size === size) return full;
  }
}

async function main() {
  const diagnostics = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-soak-'));
  const api = await startApi({
    env: UNLIMITED,
    nodeFlags: ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${diagnostics}`],
  });
  try {
    const { token, slugs } = await seed(api);
    const requests = workload(token, slugs);
    console.log(
      `soak: ${readsOnly ? 'reads only' : 'reads and writes'}, concurrency 10, ${SECONDS} s`,
    );
    await run(api, requests, 20); // warm-up: JIT, pools, caches
    console.log(`RSS after warm-up: ${api.rssMb().toFixed(0)} MB`);
    const first = skipHeap ? undefined : summarizeHeap(await snapshot(api, diagnostics));
    console.log('window | req/s | p50 ms | p99 ms | RSS MB | errors | articles');
    for (let t = 0; t < SECONDS; t += WINDOW) {
      const r = await run(api, requests, WINDOW);
      const { articlesCount } = await json(api, 'GET', '/api/v1/articles?limit=1');
      console.log(
        `${String(t + WINDOW).padStart(4)} s | ${r.requests.average.toFixed(0).padStart(5)} | ${String(r.latency.p50).padStart(6)} | ${String(r.latency.p99).padStart(6)} | ${api.rssMb().toFixed(0).padStart(6)} | ${String(r.errors + r.non2xx).padStart(6)} | ${articlesCount}`,
      );
    }
    if (!first) return;
    const last = summarizeHeap(await snapshot(api, diagnostics));
    console.log(
      `heap (live objects): ${first.totalMb.toFixed(1)} MB → ${last.totalMb.toFixed(1)} MB; what grew:`,
    );
    for (const g of heapGrowth(first, last)) {
      console.log(
        `  ${g.kb.toFixed(0).padStart(8)} KB  ${String(g.count).padStart(8)} objects  ${g.name}`,
      );
    }
  } finally {
    await api.stop();
    fs.rmSync(diagnostics, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
