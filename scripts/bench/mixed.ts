/**
 * The mixed load: readers while others write, as a site is used. Readers — the list
 * anonymous and signed in, a tag page, one article, a profile — at `connections` in all,
 * while writers publish an article every second, favorite twice a second and comment once a
 * second (each its own request loop, paced). Measured in rounds with the writers and
 * without (scripts/bench.ts alternates them): per reader kind req/s, p50, p99; and the
 * writes done.
 */
import autocannon from 'autocannon';
import type { BenchData } from './data';
import { median } from './median';

export const READERS = ['list', 'list signed in', 'tag', 'article', 'profile'] as const;
export type ReaderKind = (typeof READERS)[number];

export interface ReaderFigures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface MixedResult {
  readers: Record<ReaderKind, ReaderFigures>;
  /** All readers together: requests per second, and the worst kind's p99. */
  total: ReaderFigures;
  writes: { articles: number; favorites: number; comments: number; errors: number };
}

const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;

function readerPaths(data: BenchData): Record<ReaderKind, () => { path: string; token?: string }> {
  return {
    list: () => ({ path: '/api/v1/articles?limit=20' }),
    'list signed in': () => ({ path: '/api/v1/articles?limit=20', token: pick(data.users).token }),
    tag: () => ({ path: `/api/v1/articles?limit=20&tag=${pick(data.tags)}` }),
    article: () => ({ path: `/api/v1/articles/${pick(data.hotSlugs)}` }),
    profile: () => ({ path: `/api/v1/profiles/${pick(data.usernames)}` }),
  };
}

async function read(
  base: string,
  next: () => { path: string; token?: string },
  connections: number,
  seconds: number,
) {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const { path, token } = next();
          return { ...req, path, headers: token ? { authorization: `Token ${token}` } : {} };
        },
      },
    ],
  });
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** A request loop at a fixed pace until `until`; counts successes and failures. */
async function paced(every: number, until: number, send: () => Promise<Response>) {
  let done = 0;
  let failed = 0;
  while (Date.now() < until) {
    const started = Date.now();
    try {
      const res = await send();
      await res.arrayBuffer();
      if (res.ok) done += 1;
      else failed += 1;
    } catch {
      failed += 1;
    }
    await new Promise((r) => setTimeout(r, Math.max(0, every - (Date.now() - started))));
  }
  return { done, failed };
}

/** Counts the favorites the writers send, so each is a new (user, article) pair. */
let favoriteIndex = 0;

function writers(base: string, data: BenchData, seconds: number, title: string) {
  const until = Date.now() + seconds * 1000;
  const post = (path: string, token: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const articles = paced(1000, until, () =>
    post('/api/v1/articles', pick(data.users).token, {
      article: {
        title: `${title} ${Math.random()}`,
        description: 'd',
        body: 'b',
        tagList: [pick(data.tags)],
      },
    }),
  );
  const favorites = paced(500, until, () => {
    // Walks the pairs from the last user and article backwards: none the seed made.
    favoriteIndex += 1;
    const user = data.users[data.users.length - 1 - (favoriteIndex % data.users.length)]!;
    const slug =
      data.hotSlugs[data.hotSlugs.length - 1 - Math.floor(favoriteIndex / data.users.length)]!;
    return post(`/api/v1/articles/${slug}/favorite`, user.token);
  });
  const comments = paced(1000, until, () =>
    post(`/api/v1/articles/${pick(data.hotSlugs)}/comments`, pick(data.users).token, {
      comment: { body: 'A comment from the mixed load' },
    }),
  );
  return Promise.all([articles, favorites, comments]).then(([a, f, c]) => ({
    articles: a.done,
    favorites: f.done,
    comments: c.done,
    errors: a.failed + f.failed + c.failed,
  }));
}

/** Readers of every kind at once (connections shared out), with or without the writers. */
export async function mixedLoad(
  base: string,
  data: BenchData,
  options: { connections: number; seconds: number; withWriters: boolean; title: string },
): Promise<MixedResult> {
  const each = Math.max(1, Math.floor(options.connections / READERS.length));
  const paths = readerPaths(data);
  const writing = options.withWriters
    ? writers(base, data, options.seconds, options.title)
    : Promise.resolve({ articles: 0, favorites: 0, comments: 0, errors: 0 });
  const figures = await Promise.all(
    READERS.map((kind) => read(base, paths[kind], each, options.seconds)),
  );
  const readers = Object.fromEntries(READERS.map((kind, i) => [kind, figures[i]!])) as Record<
    ReaderKind,
    ReaderFigures
  >;
  return {
    readers,
    total: {
      rps: figures.reduce((sum, f) => sum + f.rps, 0),
      p50: Math.max(...figures.map((f) => f.p50)),
      p99: Math.max(...figures.map((f) => f.p99)),
      errors: figures.reduce((sum, f) => sum + f.errors, 0),
    },
    writes: await writing,
  };
}

const combineFigures = (fs: ReaderFigures[]): ReaderFigures => ({
  rps: median(fs.map((f) => f.rps)),
  p50: median(fs.map((f) => f.p50)),
  p99: median(fs.map((f) => f.p99)),
  errors: fs.reduce((sum, f) => sum + f.errors, 0),
});

/**
 * Rounds of one condition as one result: the median round's req/s, p50 and p99 (as the
 * table's medians: one slow round, say the first after a restart, does not decide), every
 * error and write counted.
 */
export function combineRounds(rounds: MixedResult[]): MixedResult {
  const sum = (f: (w: MixedResult['writes']) => number) =>
    rounds.reduce((total, r) => total + f(r.writes), 0);
  return {
    readers: Object.fromEntries(
      READERS.map((kind) => [kind, combineFigures(rounds.map((r) => r.readers[kind]))]),
    ) as Record<ReaderKind, ReaderFigures>,
    total: combineFigures(rounds.map((r) => r.total)),
    writes: {
      articles: sum((w) => w.articles),
      favorites: sum((w) => w.favorites),
      comments: sum((w) => w.comments),
      errors: sum((w) => w.errors),
    },
  };
}
