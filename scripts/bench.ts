/**
 * `npm run bench [-- --seconds 5 --rounds 2 --articles 1000 --large 20000]`: the API against
 * baselines started in the same run, on the same embedded database, in alternating rounds:
 * - a bare Express 4 hello-world (what Express itself costs);
 * - Express with the project's structure and no middleware stack, answering health (what
 *   the structure costs);
 * - the raw MongoDB driver doing the same reads and writes in a bare node:http server
 *   (what the database costs);
 * - the API itself with tracing on, its spans sent to a sink that discards them (what
 *   tracing costs).
 * Prints one table of ratios (API ÷ baseline, medians of the rounds); the mixed load
 * (readers alone and while writers write, alternating rounds; `--only mixed` runs just it);
 * p50 latencies with `--articles` and with `--large` articles, beside the machine's own
 * speed at each; and the API's RSS after each round.
 * No timing is asserted anywhere: figures and their machine go to docs/PERFORMANCE.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { config } from '../src/config';
import { startFerretdb } from '../src/db/ferretdb';
import { startApi, UNLIMITED, type ApiProcess } from './lib/api-process';
import { seedBenchData, grow, isSeededFavorite, type BenchData } from './bench/data';
import { median } from './bench/median';
import { combineRounds, mixedLoad, READERS, type MixedResult } from './bench/mixed';

type Db = mongoose.mongo.Db;

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    articles: { type: 'string', default: '1000' },
    large: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '20' },
    /** How long each half of the mixed load runs (readers alone, then with writers). */
    'mixed-seconds': { type: 'string', default: '15' },
    /** FerretDB on this PostgreSQL database instead of SQLite files. */
    'postgresql-url': { type: 'string' },
    /** Only the scenarios whose name contains this (and no growth phase); `mixed`: the mixed load only. */
    only: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const CONNECTIONS = Number(values.connections);

interface Load {
  base: string;
  method?: 'GET' | 'POST';
  /** A fresh path (and body, headers) per request: writes never repeat one another. */
  next: () => { path: string; body?: unknown; headers?: Record<string, string> };
  headers?: () => Record<string, string>;
}

interface Measured {
  rps: number;
  p50: number;
  errors: number;
}

async function measure(load: Load, seconds = SECONDS): Promise<Measured> {
  const result = await autocannon({
    url: load.base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: load.method ?? 'GET',
        setupRequest: (req) => {
          const { path: p, body, headers } = load.next();
          return {
            ...req,
            path: p,
            headers: {
              ...load.headers?.(),
              ...headers,
              ...(body !== undefined && { 'content-type': 'application/json' }),
            },
            ...(body !== undefined && { body: JSON.stringify(body) }),
          };
        },
      },
    ],
  });
  return {
    // Total over time, not autocannon's per-second average: slow loads keep their fraction.
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** Alternating rounds of `app` and `baseline` (order swapped each round); medians. */
async function compare(app: Load, baseline: Load) {
  const a: Measured[] = [];
  const b: Measured[] = [];
  // A second of each first, uncounted: both sides measured warm (JIT, caches, pools).
  await measure(app, 1);
  await measure(baseline, 1);
  for (let round = 0; round < ROUNDS; round += 1) {
    if (round % 2 === 0) {
      a.push(await measure(app));
      b.push(await measure(baseline));
    } else {
      b.push(await measure(baseline));
      a.push(await measure(app));
    }
    rss.push(api.rssMb());
  }
  const summary = (ms: Measured[]) => ({
    rps: median(ms.map((m) => m.rps)),
    p50: median(ms.map((m) => m.p50)),
    errors: ms.reduce((sum, m) => sum + m.errors, 0),
  });
  return { app: summary(a), baseline: summary(b) };
}

/** A child process that prints `listening <port>`. */
async function startChild(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, base: `http://127.0.0.1:${port}`, stop: () => stop(child) };
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)];
const fixed = (p: string) => () => ({ path: p });
/** Articles written by the load start so: removed again to keep the data set's size. */
const LOAD_TITLE = 'Load';
const rss: number[] = [];
/** How many favorites the API has been sent: the index of the next (user, article) pair. */
let favorites = 0;
let api: ApiProcess;

function apiEnv(uri: string, extra: Record<string, string> = {}) {
  return {
    ...UNLIMITED,
    MONGODB_URI: uri,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    ...extra,
  };
}

/** The API's loads for a data set; `hot` are the slugs on the first pages (read, so cached). */
function apiLoads(base: string, data: BenchData) {
  const auth = () => ({ authorization: `Token ${pick(data.users).token}` });
  return {
    health: { base, next: fixed('/health/live') },
    list: { base, next: fixed('/api/v1/articles?limit=20') },
    listViewer: { base, next: fixed('/api/v1/articles?limit=20'), headers: auth },
    article: { base, next: () => ({ path: `/api/v1/articles/${pick(data.hotSlugs)}` }) },
    articleViewer: {
      base,
      next: () => ({ path: `/api/v1/articles/${pick(data.hotSlugs)}` }),
      headers: auth,
    },
    tag: { base, next: () => ({ path: `/api/v1/articles?limit=20&tag=${pick(data.tags)}` }) },
    create: {
      base,
      method: 'POST' as const,
      headers: auth,
      next: () => ({
        path: '/api/v1/articles',
        body: { article: { title: `${LOAD_TITLE} ${Math.random()}`, description: 'd', body: 'b' } },
      }),
    },
    favorite: {
      base,
      method: 'POST' as const,
      // Every (user, article) pair once, none the seed made: a new favorite each time, as
      // clients make them (a repeat costs a count, which on FerretDB scans all favorites).
      next: () => {
        let user: number, article: number;
        do {
          const i = (favorites += 1);
          user = i % data.users.length;
          article = Math.floor(i / data.users.length) % data.hotSlugs.length;
        } while (isSeededFavorite(user, article));
        return {
          path: `/api/v1/articles/${data.hotSlugs[article]}/favorite`,
          headers: { authorization: `Token ${data.users[user].token}` },
        };
      },
    },
    login: {
      base,
      method: 'POST' as const,
      next: () => {
        const user = pick(data.users);
        return {
          path: '/api/v1/users/login',
          body: { user: { email: user.email, password: data.password } },
        };
      },
    },
  };
}

function rawLoads(base: string, data: BenchData) {
  return {
    list: { base, next: fixed('/articles?limit=20') },
    listViewer: {
      base,
      next: () => ({ path: `/articles?limit=20&viewer=${pick(data.users).id}` }),
    },
    tag: { base, next: () => ({ path: `/articles?limit=20&tag=${pick(data.tags)}` }) },
    create: {
      base,
      method: 'POST' as const,
      next: () => ({ path: '/articles', body: { author: pick(data.users).id } }),
    },
    favorite: {
      base,
      method: 'POST' as const,
      next: () => ({
        path: '/favorites',
        // A user of its own each time: never a duplicate, never one of the API's favorites.
        body: { user: randomBytes(12).toString('hex'), article: pick(data.hotIds) },
      }),
    },
    login: {
      base,
      method: 'POST' as const,
      next: () => ({
        path: '/login',
        body: { email: pick(data.users).email, password: data.password },
      }),
    },
  };
}

/** One request at a time, `count` times: the p50 of an expensive read. */
async function singleLatency(url: string, count = 3) {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Reads every hot article once, so favorites find them cached (as after a page view). */
async function warm(base: string, data: BenchData) {
  for (const slug of data.hotSlugs) await fetch(`${base}/api/v1/articles/${slug}`);
  await fetch(`${base}/api/v1/articles?limit=20`);
  for (const tag of data.tags) await fetch(`${base}/api/v1/articles?limit=20&tag=${tag}`);
}

/**
 * The machine's own speed at a probe: bare Express sending the cached page, 2 s. This VM's
 * speed drifts within a run (4.67× between the two probes of one run, measured), which
 * moves every p50; the probe's rows show it.
 */
const machineSpeed = async (bareBase: string) =>
  (await measure({ base: bareBase, next: fixed('/page') }, 2)).rps;

/** p50 of the reads and writes whose cost must not follow the data (create last: it adds). */
async function growthProbe(
  base: string,
  uncachedBase: string,
  bareBase: string,
  data: BenchData,
  db: Db,
) {
  const L = apiLoads(base, data);
  // A second of each load first, uncounted, as in the table: measured warm (JIT, pools).
  // Writes first: their new articles go again (sizes stay as stated) and the pages they
  // invalidated are read again after.
  for (const load of [L.create, L.favorite]) await measure(load, 1);
  await removeLoadArticles(db);
  await warm(base, data);
  for (const load of [L.list, L.tag]) await measure(load, 1);
  const probe = {
    count: await db.collection('articles').countDocuments(),
    list: (await measure(L.list)).p50,
    tag: (await measure(L.tag)).p50,
    uncached: await singleLatency(`${uncachedBase}/api/v1/articles?limit=20`),
    favorite: (await measure(L.favorite)).p50,
    create: (await measure(L.create)).p50,
    machine: await machineSpeed(bareBase),
  };
  rss.push(api.rssMb());
  await removeLoadArticles(db);
  return probe;
}

/** What the write loads added (the API's and the raw driver's), so sizes stay as stated. */
async function removeLoadArticles(db: Db) {
  await db.collection('articles').deleteMany({ title: { $regex: `^${LOAD_TITLE} ` } });
  await db.collection('articles').deleteMany({ slug: { $regex: '^raw-' } });
}

const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(9);
const fmtRate = (n: number) => fmt(n, n < 10 ? 1 : 0);
/** No ratio when a side completed nothing in its rounds (each request outlasted them). */
const fmtRatio = (n: number) => (Number.isFinite(n) && n > 0 ? n.toFixed(2) : '—').padStart(6);

/** The table of ratios: each scenario in alternating rounds against its baseline. */
async function ratios(
  A: ReturnType<typeof apiLoads>,
  U: ReturnType<typeof apiLoads>,
  R: ReturnType<typeof rawLoads>,
  bareBase: string,
  structuredBase: string,
  T: ReturnType<typeof apiLoads>,
  T10: ReturnType<typeof apiLoads>,
) {
  const bareHealth = { base: bareBase, next: fixed('/') };
  const structuredHealth = { base: structuredBase, next: fixed('/health/live') };
  const barePage = { base: bareBase, next: fixed('/page') };
  const scenarios: [string, Load, Load, string][] = [
    ['health vs bare Express', A.health, bareHealth, '≥ 0.8'],
    // The same endpoint through the structure alone: what the stack costs is the difference.
    ['health, structure only vs bare Express', structuredHealth, bareHealth, ''],
    ['list, cached vs bare Express', A.list, bareHealth, '≥ 0.5'],
    // The same page from memory in bare Express: what its JSON alone costs.
    ['list, cached vs bare Express page', A.list, barePage, ''],
    ['bare Express page vs bare Express', barePage, bareHealth, ''],
    ['list, cached vs raw driver', A.list, R.list, ''],
    ['list, viewer-aware vs raw', A.listViewer, R.listViewer, ''],
    // What a signed-in reader costs over an anonymous one: the token, their favorites and follows.
    ['list, signed in vs anonymous', A.listViewer, A.list, '≥ 0.6'],
    ['one article, signed in vs anonymous', A.articleViewer, A.article, '≥ 0.6'],
    ['tag filter, cached vs raw', A.tag, R.tag, ''],
    ['list, uncached vs raw', U.list, R.list, ''],
    ['login vs raw bcrypt', A.login, R.login, ''],
    // Writes last: they add articles, which every uncached read then scans.
    ['favorite vs raw insert', A.favorite, R.favorite, '≥ 0.25'],
    ['create vs raw insert', A.create, R.create, '≥ 0.25'],
    // OpenTelemetry on (every request sampled, spans sent to an OTLP sink) against off.
    ['health, traced vs not', T.health, A.health, ''],
    ['list, cached, traced vs not', T.list, A.list, ''],
    ['favorite, traced vs not', T.favorite, A.favorite, ''],
    // The usual production setting: one request in ten sampled (the others still propagate).
    ['list, cached, 10 % traced vs not', T10.list, A.list, ''],
  ];
  console.log(`\nbench: ${SECONDS} s × ${ROUNDS} rounds per side, ${CONNECTIONS} connections`);
  console.log(
    `\n${'scenario'.padEnd(40)}${'API req/s'.padStart(11)}${'base req/s'.padStart(11)}${'ratio'.padStart(8)}  target  errors`,
  );
  const rows = new Map<string, Awaited<ReturnType<typeof compare>>>();
  for (const [name, app, baseline, target] of scenarios) {
    if (values.only && !name.includes(values.only)) continue;
    const r = await compare(app, baseline);
    rows.set(name, r);
    const ratio = r.app.rps / r.baseline.rps;
    const errors = r.app.errors + r.baseline.errors;
    console.log(
      `${name.padEnd(40)}${fmtRate(r.app.rps)}  ${fmtRate(r.baseline.rps)}  ${fmtRatio(ratio)}  ${target.padEnd(6)}  ${errors}`,
    );
  }
  return rows;
}

interface MixedRun {
  count: number;
  alone: MixedResult;
  mixed: MixedResult;
}

/** Rounds per side of the mixed load: its seconds split in alternating rounds. */
const MIXED_ROUNDS = 3;

/**
 * The mixed load at the current size: readers alone and with the writers, in alternating
 * rounds (alone, mixed, mixed, alone, alone, mixed) as the table's scenarios are, so a
 * machine that changes speed during the run weighs on both sides alike.
 */
async function mixedAt(base: string, data: BenchData, db: Db): Promise<MixedRun> {
  const options = {
    connections: CONNECTIONS,
    seconds: Number(values['mixed-seconds']) / MIXED_ROUNDS,
    title: LOAD_TITLE,
  };
  await mixedLoad(base, data, { ...options, seconds: 2, withWriters: false }); // warm, uncounted
  const count = await db.collection('articles').countDocuments();
  const rounds: Record<'alone' | 'mixed', MixedResult[]> = { alone: [], mixed: [] };
  for (let i = 0; i < MIXED_ROUNDS; i += 1)
    for (const side of i % 2 ? (['mixed', 'alone'] as const) : (['alone', 'mixed'] as const))
      rounds[side].push(await mixedLoad(base, data, { ...options, withWriters: side === 'mixed' }));
  rss.push(api.rssMb());
  return { count, alone: combineRounds(rounds.alone), mixed: combineRounds(rounds.mixed) };
}

function printMixed(small: MixedRun, large: MixedRun | undefined) {
  const seconds = values['mixed-seconds'];
  console.log(
    `\nmixed load, ${seconds} s each in ${MIXED_ROUNDS} alternating rounds: readers at ${CONNECTIONS} connections (${READERS.length} kinds), ` +
      'alone and while writers publish 1 article/s, favorite 2/s and comment 1/s',
  );
  const runs = large ? [small, large] : [small];
  const head = runs
    .map((r) => `${r.count} art. alone`.padStart(24) + `${r.count} art. mixed`.padStart(24))
    .join('');
  console.log(`${'reader (req/s p50 p99 ms)'.padEnd(26)}${head}`);
  const cell = (f: { rps: number; p50: number; p99: number }) =>
    `${fmtRate(f.rps)} ${fmt(f.p50, 0).trim().padStart(5)} ${fmt(f.p99, 0).trim().padStart(6)}`.padStart(
      24,
    );
  for (const kind of [...READERS, 'all readers'] as const) {
    const of = (r: MixedResult) => (kind === 'all readers' ? r.total : r.readers[kind]);
    console.log(
      `${kind.padEnd(26)}${runs.map((r) => cell(of(r.alone)) + cell(of(r.mixed))).join('')}`,
    );
  }
  for (const r of runs) {
    const w = r.mixed.writes;
    const errors = r.alone.total.errors + r.mixed.total.errors;
    console.log(
      `writes at ${r.count} articles: ${w.articles} articles, ${w.favorites} favorites, ${w.comments} comments; ` +
        `${w.errors} failed writes, ${errors} failed reads`,
    );
  }
  // Per reader kind: a slow kind must not hide behind fast ones; a timed-out read fails it.
  const last = large ?? small;
  const ratios = READERS.map((kind) => ({
    kind,
    p99: last.mixed.readers[kind].p99 / small.alone.readers[kind].p99,
    rps: last.mixed.readers[kind].rps / last.alone.readers[kind].rps,
    errors: last.mixed.readers[kind].errors,
  }));
  for (const r of ratios)
    console.log(
      `  ${r.kind.padEnd(16)} p99 ${last.count} mixed ÷ ${small.count} alone ${r.p99.toFixed(2).padStart(5)} (≤ 1.5)` +
        `   req/s mixed ÷ alone ${r.rps.toFixed(2).padStart(5)} (≥ 0.8)   failed reads ${r.errors}`,
    );
  const worst = (f: (r: (typeof ratios)[number]) => number) => Math.max(...ratios.map(f));
  const met =
    worst((r) => r.p99) <= 1.5 && -worst((r) => -r.rps) >= 0.8 && worst((r) => r.errors) === 0;
  console.log(
    `targets ${met ? 'met' : 'missed'}: worst p99 ratio ${worst((r) => r.p99).toFixed(2)}, worst req/s ratio ${(-worst((r) => -r.rps)).toFixed(2)}`,
  );
}

/** Whatever was started, stopped at the end however the run ends. */
const running: { stop(): Promise<unknown> }[] = [];
const started = <T extends { stop(): Promise<unknown> }>(thing: T) => {
  running.push(thing);
  return thing;
};
const startApiOn = (uri: string, extra?: Record<string, string>) =>
  startApi({ env: apiEnv(uri, extra) }).then(started);

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-bench-'));
  const log = (m: string) => console.log(m);
  try {
    const postgresqlUrl = values['postgresql-url'];
    const db = started(
      await startFerretdb({ dataDir, cacheDir: config.db.ferretdbCacheDir, log, postgresqlUrl }),
    );
    // A database of this run's own (on PostgreSQL: a schema), dropped at the end.
    const uri = `${db.uri}conduit_bench_${process.pid}`;
    log(`database: FerretDB on ${postgresqlUrl ? 'PostgreSQL' : 'SQLite'}`);
    api = await startApiOn(uri);
    const uncached = await startApiOn(uri, { CACHE_ENABLED: 'false' });
    const raw = started(await startChild('scripts/bench/raw-server.ts', { MONGODB_URI: uri }));
    const client = started(
      await mongoose.mongo.MongoClient.connect(uri).then((c) =>
        Object.assign(c, {
          stop: () =>
            c
              .db()
              .dropDatabase()
              .finally(() => c.close()),
        }),
      ),
    );
    const data = await seedBenchData(api.baseUrl, client.db(), Number(values.articles), log);
    // The seed wrote straight to the database: restarted, the API reads it afresh.
    await api.stop();
    api = await startApiOn(uri);
    await warm(api.baseUrl, data);
    if (values.only === 'mixed') {
      const small = await mixedAt(api.baseUrl, data, client.db());
      await api.stop();
      await removeLoadArticles(client.db());
      await grow(client.db(), Number(values.large), data, log);
      api = await startApiOn(uri);
      await warm(api.baseUrl, data);
      printMixed(small, await mixedAt(api.baseUrl, data, client.db()));
      return;
    }
    const pageFile = path.join(dataDir, 'page.json');
    fs.writeFileSync(
      pageFile,
      await (await fetch(`${api.baseUrl}/api/v1/articles?limit=20`)).text(),
    );
    const bare = started(
      await startChild('scripts/bench/bare-express.ts', { PAGE_FILE: pageFile }),
    );
    const structured = started(await startChild('scripts/bench/structured-express.ts', {}));
    const sink = started(await startChild('scripts/bench/otlp-sink.ts', {}));
    // Tracing with its defaults: every request sampled, batches of spans sent over OTLP.
    const traced = await startApiOn(uri, { OTEL_EXPORTER_OTLP_ENDPOINT: sink.base });
    const tracedTenth = await startApiOn(uri, {
      OTEL_EXPORTER_OTLP_ENDPOINT: sink.base,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.1',
    });
    await warm(traced.baseUrl, data);
    await warm(tracedTenth.baseUrl, data);
    const small = values.only
      ? undefined
      : await growthProbe(api.baseUrl, uncached.baseUrl, bare.base, data, client.db());

    await ratios(
      apiLoads(api.baseUrl, data),
      apiLoads(uncached.baseUrl, data),
      rawLoads(raw.base, data),
      bare.base,
      structured.base,
      apiLoads(traced.baseUrl, data),
      apiLoads(tracedTenth.baseUrl, data),
    );
    await Promise.all([traced.stop(), tracedTenth.stop()]);
    if (!small) return;
    await removeLoadArticles(client.db());
    const mixedSmall = await mixedAt(api.baseUrl, data, client.db());

    // The same reads and writes with many more articles: p50 should not follow the data.
    await Promise.all([api.stop(), uncached.stop()]);
    await removeLoadArticles(client.db());
    await grow(client.db(), Number(values.large), data, log);
    // Restarted on the grown data, nothing cached; warmed as clients would (the first read
    // of each page scans the collection on FerretDB).
    api = await startApiOn(uri);
    const uncachedLarge = await startApiOn(uri, { CACHE_ENABLED: 'false' });
    await warm(api.baseUrl, data);
    const large = await growthProbe(
      api.baseUrl,
      uncachedLarge.baseUrl,
      bare.base,
      data,
      client.db(),
    );
    await uncachedLarge.stop();
    await warm(api.baseUrl, data);
    printMixed(mixedSmall, await mixedAt(api.baseUrl, data, client.db()));
    console.log(
      `\np50 (ms)          ${String(small.count).padStart(6)} art. ${String(large.count).padStart(6)} art.  ratio  target`,
    );
    // A machine running slower at one probe than at the other moves every p50 with it.
    const drift = small.machine / large.machine;
    for (const key of ['list', 'tag', 'create', 'favorite', 'uncached'] as const) {
      const target = key === 'uncached' ? '(none)' : '≤ 1.5';
      const ratio = large[key] / small[key];
      console.log(
        `${key.padEnd(18)}${fmt(small[key], 1)}   ${fmt(large[key], 1)}  ${ratio.toFixed(2).padStart(5)}  ${target.padEnd(7)}` +
          `(${(ratio / drift).toFixed(2)} at the machine's speed of the first probe)`,
      );
    }
    console.log(
      `machine, req/s   ${fmt(small.machine)}   ${fmt(large.machine)}  ${(1 / drift).toFixed(2).padStart(5)}          ` +
        '(bare Express sending the page at each probe: the machine’s own speed)',
    );
  } finally {
    if (rss.length)
      console.log(`\nAPI RSS after each round (MB): ${rss.map((r) => r.toFixed(0)).join(' ')}`);
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}`,
    );
    for (const thing of running.reverse()) await thing.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(`bench failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
