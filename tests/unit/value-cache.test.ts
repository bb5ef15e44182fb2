import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IndexSources } from '../../src/cache/article-index';
import { createCache, type Cache, type CacheSettings } from '../../src/cache/cache';
import { closeRedisClient, type RedisClient } from '../../src/db/redis';
import { captureLogs } from '../helpers/log-capture';
import {
  freePort,
  readyRedisClient,
  redisClient,
  startRedisServer,
  stopProcess,
  stopRedisServerSaving,
  waitUntilReady,
} from '../helpers/redis';

const settings = (overrides: Partial<CacheSettings> = {}): CacheSettings => ({
  enabled: true,
  localMax: 100,
  localTtlMs: 60_000,
  sharedTtlSeconds: 60,
  keyPrefix: `cache-test-${randomUUID()}:`,
  ...overrides,
});

/** The values part of the cache is all these tests use: its index is never loaded. */
const noSources: IndexSources = {
  articles: async () => [],
  favorites: async () => [],
  follows: async () => [],
};

const caches: Cache[] = [];
afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.close()));
});

/** A cache on `redis`, ready once it has read the shared epoch. */
async function sharedCache(
  redis: RedisClient,
  s: CacheSettings,
  onLookup?: (layer: string, hit: boolean) => void,
) {
  const cache = createCache(s, { redis, sources: noSources, onLookup });
  caches.push(cache);
  await cache.ready();
  return cache.values;
}

async function until(check: () => boolean | Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A loader that counts its calls. */
function counting<T>(value: T | (() => T)) {
  const load = jest.fn(async () => (typeof value === 'function' ? (value as () => T)() : value));
  return load;
}

describe('values.read', () => {
  it('loads a missing key once, then answers from the local layer', async () => {
    const cache = createCache(settings(), { sources: noSources }).values;
    const load = counting({ title: 'x' });
    expect(await cache.read('a', load)).toEqual({ title: 'x' });
    expect(await cache.read('a', load)).toEqual({ title: 'x' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('runs one load for 50 concurrent misses of one key (single flight)', async () => {
    const cache = createCache(settings(), { sources: noSources }).values;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const load = jest.fn(async () => {
      await gate;
      return 42;
    });
    const reads = Array.from({ length: 50 }, () => cache.read('hot', load));
    release();
    expect(await Promise.all(reads)).toEqual(Array(50).fill(42));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('caches nothing when the load fails, so the next read tries again', async () => {
    const cache = createCache(settings(), { sources: noSources }).values;
    await expect(
      cache.read('gone', async () => {
        throw new Error('not found');
      }),
    ).rejects.toThrow('not found');
    expect(await cache.read('gone', counting(1))).toBe(1);
  });

  it('always loads when disabled', async () => {
    const cache = createCache(settings({ enabled: false }), { sources: noSources }).values;
    const load = counting(1);
    await cache.read('a', load);
    await cache.read('a', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('expires local entries after their TTL', async () => {
    const cache = createCache(settings({ localTtlMs: 30 }), { sources: noSources }).values;
    const load = counting(1);
    await cache.read('a', load);
    await new Promise((r) => setTimeout(r, 60));
    await cache.read('a', load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('values.readMany', () => {
  it('loads only the misses, in one call', async () => {
    const cache = createCache(settings(), { sources: noSources }).values;
    await cache.read('k1', counting('one'));
    const loadMissing = jest.fn(async (keys: string[]) => new Map(keys.map((k) => [k, `v-${k}`])));
    const values = await cache.readMany(['k1', 'k2', 'k3'], loadMissing);
    expect(loadMissing).toHaveBeenCalledTimes(1);
    expect(loadMissing).toHaveBeenCalledWith(['k2', 'k3']);
    expect(Object.fromEntries(values)).toEqual({ k1: 'one', k2: 'v-k2', k3: 'v-k3' });
  });
});

describe('two layers on a shared Redis', () => {
  it('serves a second instance from Redis without loading, and counts hits per layer', async () => {
    const s = settings();
    const redis = await readyRedisClient();
    const lookups: string[] = [];
    const a = await sharedCache(redis, s);
    const b = await sharedCache(redis, s, (layer, hit) => {
      lookups.push(`${layer}:${hit ? 'hit' : 'miss'}`);
    });
    const load = counting({ n: 1 });
    await a.read('article', load);
    expect(await b.read('article', load)).toEqual({ n: 1 });
    expect(await b.read('article', load)).toEqual({ n: 1 });
    expect(load).toHaveBeenCalledTimes(1);
    expect(lookups).toEqual(['local:miss', 'shared:hit', 'local:hit']);
  });

  it('invalidates in every instance: Redis at once, other local layers through the channel', async () => {
    const s = settings();
    const redis = await readyRedisClient();
    const a = await sharedCache(redis, s);
    const b = await sharedCache(redis, s);
    await b.read('profile', counting('old'));
    await a.invalidate(['profile']);
    await until(async () => (await b.read('profile', counting('new'))) === 'new');
  });

  it('does not store a value loaded while the key was invalidated (versioned keys)', async () => {
    const s = settings();
    const redis = await readyRedisClient();
    const a = await sharedCache(redis, s);
    const b = await sharedCache(redis, s);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowRead = a.read('count', async () => {
      await gate;
      return 'stale';
    });
    await new Promise((r) => setTimeout(r, 20)); // the load has begun
    await b.invalidate(['count']); // the database changed meanwhile
    release();
    expect(await slowRead).toBe('stale'); // the caller gets what it read...
    const fresh = counting('fresh');
    expect(await b.read('count', fresh)).toBe('fresh'); // ...but it was never stored
    expect(fresh).toHaveBeenCalledTimes(1);
  });

  it("never answers with another key's version, whatever characters a key has", async () => {
    const s = settings();
    const redis = await readyRedisClient();
    const cache = await sharedCache(redis, s);
    await cache.read('article:a', counting('A'));
    await cache.invalidate(['article:a']); // its version is now 1
    for (const key of ['article:a#v', 'version:article:a', 'article:a:version'])
      expect(await cache.read(key, counting(`loaded ${key}`))).toBe(`loaded ${key}`);
  });

  it('ignores a message on its channel that is not its own kind', async () => {
    const s = settings();
    const redis = await readyRedisClient();
    const cache = await sharedCache(redis, s);
    await redis.publish(`${s.keyPrefix}cache:changes`, 'not json');
    await cache.read('still', counting('works'));
    expect(await cache.read('still', counting('again'))).toBe('works');
  });

  it('forgets every member of a local group at once, on every instance', async () => {
    const s = settings();
    const redis = await readyRedisClient();
    const a = await sharedCache(redis, s);
    const b = await sharedCache(redis, s);
    const inLists = { shared: false, group: 'lists' };
    await b.read('page-1', counting('old page'), inLists);
    expect(await b.read('page-1', counting('unused'), inLists)).toBe('old page');
    await a.invalidate([], ['lists']);
    await until(async () => (await b.read('page-1', counting('new page'), inLists)) === 'new page');
  });

  it('keeps `shared: false` values in this process only', async () => {
    const s = settings();
    const redis = await readyRedisClient();
    const a = await sharedCache(redis, s);
    const b = await sharedCache(redis, s);
    await a.read('memo', counting('a'), { shared: false });
    expect(await b.read('memo', counting('b'), { shared: false })).toBe('b');
  });
});

describe('the staleness bound', () => {
  it('keeps a local copy at most localTtlMs: a change whose message never arrived is seen after it', async () => {
    const s = settings({ localTtlMs: 100 });
    const redis = await readyRedisClient();
    const cache = await sharedCache(redis, s);
    await cache.read('article', counting('old'));
    // Another instance changed it in Redis, and its message was lost.
    const space = `${s.keyPrefix}cache:0:2`;
    await redis.set(`${space}:value:article`, JSON.stringify('new'));
    expect(await cache.read('article', counting('unused'))).toBe('old'); // still the local copy
    await new Promise((r) => setTimeout(r, 150));
    expect(await cache.read('article', counting('unused'))).toBe('new');
  });
});

describe('Redis outage', () => {
  let server: ChildProcess;
  let port: number;
  afterEach(async () => {
    if (server) await stopProcess(server);
  });

  it('reads the database while Redis is down (logged once), uses Redis again when it is back, and drops what changed meanwhile', async () => {
    port = await freePort();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cache-outage-'));
    server = await startRedisServer(port, dir);
    const redis = redisClient(`redis://127.0.0.1:${port}`);
    await waitUntilReady(redis);
    const s = settings({ localTtlMs: 1 });
    const cache = await sharedCache(redis, s);
    await cache.read('article', counting('v1'));

    const logs = captureLogs();
    try {
      await stopRedisServerSaving(server, port); // it keeps the entries it had
      await until(() => redis.status !== 'ready');
      const load = counting('v2');
      for (let i = 0; i < 5; i += 1) {
        await new Promise((r) => setTimeout(r, 5)); // past the local TTL
        expect(await cache.read('other', load)).toBe('v2');
      }
      expect(load).toHaveBeenCalledTimes(5); // fail open: the database answers each time
      await cache.invalidate(['article']); // a write while Redis is away
      const warnings = () => logs.lines.filter((l) => /redis unavailable/.test(String(l.message)));
      await until(() => warnings().length > 0); // the client's next reconnect attempt fails
      await new Promise((r) => setTimeout(r, 500)); // more failed attempts...
      expect(warnings()).toHaveLength(1); // ...logged once

      // Redis comes back with the entry the write made stale (it was never told).
      server = await startRedisServer(port, dir);
      await waitUntilReady(redis);
      const fresh = counting('v3');
      await until(async () => (await cache.read('article', fresh)) === 'v3');
      const again = counting('never');
      await new Promise((r) => setTimeout(r, 5)); // past the local TTL
      expect(await cache.read('article', again)).toBe('v3'); // from Redis again
      expect(again).not.toHaveBeenCalled();
    } finally {
      logs.restore();
      await Promise.all(caches.splice(0).map((c) => c.close()));
      await closeRedisClient(redis); // while its server is up: a clean QUIT
    }
  });
});
