/**
 * The read cache: two layers behind one small interface, cache-aside.
 * - local: an in-process LRU (lru-cache) with a short TTL, the fastest hit;
 * - shared: Redis, shared by every instance, with a longer TTL.
 * A miss in both loads once per key however many requests wait for it (single flight).
 * Writes invalidate through `invalidate`/`adjust`/`invalidateGroup` (driven by domain
 * events, see invalidation.ts); other instances hear of it on a Redis channel and drop
 * their local copies. A load that raced with an invalidation is not stored (each shared key
 * has a version beside it), so a stale read never outlives the write that made it stale.
 * Redis down: the cache reads the database (fail open); back: used again, and when changes
 * could not reach it meanwhile, the whole shared cache is dropped once (a new epoch).
 */
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { closeRedisClient, noteRedisFailure, type RedisClient } from '../db/redis';

/** Bump when the shape of a cached value changes: old entries are then never read. */
const SCHEMA_VERSION = 1;

type CacheLayer = 'local' | 'shared';

export interface CacheSettings {
  enabled: boolean;
  localMax: number;
  localTtlMs: number;
  sharedTtlSeconds: number;
  keyPrefix: string;
}

export interface CacheDeps {
  redis?: RedisClient;
  /** Called on every lookup, per layer (metrics). */
  onLookup?: (layer: CacheLayer, hit: boolean) => void;
}

export interface Cache {
  /** The value of `key`; `load` runs on a miss, once per key at a time. */
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** The values of `keys`; `loadMissing` loads every miss at once. */
  readMany<T>(
    keys: readonly string[],
    loadMissing: (missing: string[]) => Promise<Map<string, T>>,
  ): Promise<Map<string, T>>;
  /** A value just written to the database (nothing to read). */
  write(key: string, value: unknown): Promise<void>;
  /**
   * Resolves once the shared layer is in use and other instances' changes are heard (while
   * Redis is connected: start-up, tests).
   */
  ready(): Promise<void>;
  /** Forgets keys in every layer and every instance. */
  invalidate(...keys: string[]): Promise<void>;
  /**
   * Adds `delta` to a cached number atomically (Redis INCRBY) and returns the sum; an
   * uncached number stays uncached (undefined), so the next read counts it afresh.
   */
  adjust(key: string, delta: number): Promise<number | undefined>;
  /** The key of a member of `group` (list pages): one `invalidateGroup` forgets them all. */
  inGroup(group: string, key: string): Promise<string>;
  invalidateGroup(group: string): Promise<void>;
  close(): Promise<void>;
}

interface Change {
  from: string;
  keys?: string[];
  group?: { name: string; generation: number };
  epoch?: string;
}

// Stores a loaded value only if the key's version is still the one read before the load.
const SET_IF_VERSION = `if (redis.call('get', KEYS[2]) or '0') == ARGV[1] then
  redis.call('set', KEYS[1], ARGV[2], 'EX', ARGV[3]) end`;
// Forgets a value and bumps its version, so a load in flight will not store.
const FORGET = `redis.call('del', KEYS[1]); redis.call('incr', KEYS[2]);
  redis.call('expire', KEYS[2], ARGV[1])`;
// Adds to a cached number; an uncached one is only versioned (a rebuild in flight is void).
const ADJUST = `if redis.call('exists', KEYS[1]) == 1 then
  return redis.call('incrby', KEYS[1], ARGV[1]) end
  redis.call('incr', KEYS[2]); redis.call('expire', KEYS[2], ARGV[2]); return nil`;

export function createCache(settings: CacheSettings, deps: CacheDeps = {}): Cache {
  const { redis, onLookup } = deps;
  const self = randomUUID();
  const local = new LRUCache<string, { value: unknown }>({
    max: settings.localMax,
    ttl: settings.localTtlMs,
  });
  /** When each key was last invalidated here: a load that began before is not kept. */
  const invalidatedAt = new LRUCache<string, number>({ max: 10_000, ttl: 60_000 });
  const flights = new Map<string, Promise<unknown>>();
  const generations = new Map<string, number>();
  const channel = `${settings.keyPrefix}cache:changes`;
  const epochKey = `${settings.keyPrefix}cache:epoch`;
  const versionTtl = settings.sharedTtlSeconds * 2;
  let epoch: string | undefined;
  let lostChanges = false;

  // Values and their versions in separate namespaces: no key (a slug, a tag) can name the other.
  const space = () => `${settings.keyPrefix}cache:${epoch}:${SCHEMA_VERSION}`;
  const sharedKey = (key: string) => `${space()}:value:${key}`;
  const versionKey = (key: string) => `${space()}:version:${key}`;
  const generationKey = (group: string) => `${settings.keyPrefix}cache:${epoch}:gen:${group}`;
  const shared = () => (redis?.status === 'ready' && epoch !== undefined ? redis : undefined);

  /** Runs a Redis call; on failure the cache goes on without Redis (logged once per outage). */
  async function tryShared<T>(
    call: (client: RedisClient) => Promise<T>,
    isChange = false,
  ): Promise<T | undefined> {
    const client = shared();
    if (!client) {
      if (isChange && redis) lostChanges = true;
      return undefined;
    }
    try {
      return await call(client);
    } catch (err) {
      if (isChange) lostChanges = true;
      noteRedisFailure(client, err as Error);
      return undefined;
    }
  }

  const forgetLocally = (keys: string[]) => {
    const now = Date.now();
    for (const key of keys) {
      local.delete(key);
      invalidatedAt.set(key, now);
    }
  };
  const keepLocally = (key: string, value: unknown, loadStartedAt: number) => {
    if ((invalidatedAt.get(key) ?? -1) < loadStartedAt) local.set(key, { value });
  };
  const message = (change: Omit<Change, 'from'>) => JSON.stringify({ ...change, from: self });
  const publish = (change: Omit<Change, 'from'>) =>
    tryShared((client) => client.publish(channel, message(change)));

  // Other instances' changes arrive on a second connection (a subscriber can do nothing else).
  // It reconnects with the main client (below), never on its own: a main client closed while
  // Redis is away emits no 'end', and a subscriber retrying by itself would outlive it.
  const subscriber = redis?.duplicate({ retryStrategy: () => null });
  subscriber?.on('error', () => undefined); // the main client reports outages
  // Closed with the client it came from.
  redis?.once('end', () => void closeRedisClient(subscriber));
  subscriber?.on('message', (_channel: string, text: string) => {
    let change: Change;
    try {
      change = JSON.parse(text) as Change;
    } catch {
      return; // not ours: the channel is in a shared Redis
    }
    if (change.from === self) return;
    if (change.keys) forgetLocally(change.keys);
    if (change.group) generations.set(change.group.name, change.group.generation);
    if (change.epoch) startEpoch(change.epoch);
  });
  // Subscribed on every connection (a client without offline queue cannot do it before).
  const subscribed = new Promise<void>((resolve) =>
    subscriber?.on(
      'ready',
      () =>
        void subscriber.subscribe(channel).then(
          () => resolve(),
          () => undefined,
        ),
    ),
  );

  function startEpoch(value: string) {
    epoch = value;
    local.clear();
    generations.clear();
  }

  /** On every (re)connection: what happened meanwhile is unknown, so start from Redis. */
  async function resync(client: RedisClient) {
    try {
      const current = (await client.get(epochKey)) ?? '0';
      if (lostChanges) {
        lostChanges = false;
        startEpoch(String(await client.incr(epochKey)));
        await publish({ epoch });
      } else {
        startEpoch(current);
      }
    } catch (err) {
      noteRedisFailure(client, err as Error);
    }
  }
  let synced = Promise.resolve();
  const onReady = () => {
    if (subscriber?.status === 'end') void subscriber.connect().catch(() => undefined);
    synced = resync(redis!);
  };
  redis?.on('ready', onReady);
  if (redis?.status === 'ready') onReady();

  async function loadThrough<T>(key: string, load: () => Promise<T>): Promise<T> {
    const startedAt = Date.now();
    const found = await tryShared((client) => client.mget(sharedKey(key), versionKey(key)));
    if (found?.[0] != null) {
      onLookup?.('shared', true);
      const value = JSON.parse(found[0]) as T;
      keepLocally(key, value, startedAt);
      return value;
    }
    if (found) onLookup?.('shared', false);
    const value = await load();
    if (found) {
      const version = found[1] ?? '0';
      const json = JSON.stringify(value);
      await tryShared((client) =>
        client.eval(
          SET_IF_VERSION,
          2,
          sharedKey(key),
          versionKey(key),
          version,
          json,
          settings.sharedTtlSeconds,
        ),
      );
    }
    keepLocally(key, value, startedAt);
    return value;
  }

  const cache: Cache = {
    async read<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (!settings.enabled) return load();
      const hit = local.get(key);
      onLookup?.('local', hit !== undefined);
      if (hit) return hit.value as T;
      const flying = flights.get(key);
      if (flying) return flying as Promise<T>;
      const flight = loadThrough(key, load).finally(() => flights.delete(key));
      flights.set(key, flight);
      return flight;
    },

    async readMany<T>(
      keys: readonly string[],
      loadMissing: (missing: string[]) => Promise<Map<string, T>>,
    ): Promise<Map<string, T>> {
      if (!settings.enabled) return keys.length ? loadMissing([...keys]) : new Map();
      const startedAt = Date.now();
      const values = new Map<string, T>();
      let missing: string[] = [];
      for (const key of keys) {
        const hit = local.get(key);
        onLookup?.('local', hit !== undefined);
        if (hit) values.set(key, hit.value as T);
        else missing.push(key);
      }
      if (missing.length === 0) return values;
      const found = await tryShared((client) =>
        client.mget(missing.flatMap((key) => [sharedKey(key), versionKey(key)])),
      );
      const versions = new Map<string, string>();
      if (found) {
        missing = missing.filter((key, i) => {
          const json = found[2 * i];
          onLookup?.('shared', json != null);
          if (json == null) {
            versions.set(key, found[2 * i + 1] ?? '0');
            return true;
          }
          values.set(key, JSON.parse(json) as T);
          keepLocally(key, values.get(key), startedAt);
          return false;
        });
      }
      if (missing.length === 0) return values;
      const loaded = await loadMissing(missing);
      const store = found && redis?.pipeline();
      for (const [key, value] of loaded) {
        values.set(key, value);
        keepLocally(key, value, startedAt);
        const version = versions.get(key);
        store?.eval(
          SET_IF_VERSION,
          2,
          sharedKey(key),
          versionKey(key),
          version ?? '0',
          JSON.stringify(value),
          settings.sharedTtlSeconds,
        );
      }
      if (store) await tryShared(() => store.exec());
      return values;
    },

    async write(key, value) {
      if (!settings.enabled) return;
      forgetLocally([key]);
      local.set(key, { value });
      await tryShared(
        (client) =>
          client.set(sharedKey(key), JSON.stringify(value), 'EX', settings.sharedTtlSeconds),
        true,
      );
    },

    // ioredis says 'ready' a tick after its status does: let a pending resync begin first.
    ready: () =>
      new Promise((resolve) => setImmediate(resolve)).then(() =>
        Promise.all([synced, subscriber ? subscribed : undefined]).then(() => undefined),
      ),

    async invalidate(...keys) {
      if (!settings.enabled || keys.length === 0) return;
      forgetLocally(keys);
      // One round trip: forget in Redis, then tell the other instances.
      await tryShared(async (client) => {
        const forget = client.pipeline();
        for (const key of keys) forget.eval(FORGET, 2, sharedKey(key), versionKey(key), versionTtl);
        await forget.publish(channel, message({ keys })).exec();
      }, true);
    },

    async adjust(key, delta) {
      if (!settings.enabled) return undefined;
      forgetLocally([key]);
      // One round trip: adjust, then tell the other instances.
      const sum = await tryShared(async (client) => {
        const [[err, adjusted] = []] =
          (await client
            .pipeline()
            .eval(ADJUST, 2, sharedKey(key), versionKey(key), delta, versionTtl)
            .publish(channel, message({ keys: [key] }))
            .exec()) ?? [];
        if (err) throw err;
        return adjusted;
      }, true);
      return typeof sum === 'number' ? sum : undefined;
    },

    async inGroup(group, key) {
      let generation = generations.get(group);
      if (generation === undefined) {
        const stored = await tryShared((client) => client.get(generationKey(group)));
        generation = Number(stored ?? 0);
        if (stored !== undefined) generations.set(group, generation);
      }
      return `${group}@${generation}:${key}`;
    },

    async invalidateGroup(group) {
      if (!settings.enabled) return;
      const next = (generations.get(group) ?? 0) + 1;
      generations.set(group, next);
      const stored = await tryShared((client) => client.incr(generationKey(group)), true);
      if (stored === undefined) return;
      const generation = Math.max(stored, generations.get(group) ?? 0);
      generations.set(group, generation);
      await publish({ group: { name: group, generation } });
    },

    async close() {
      redis?.off('ready', onReady);
      await closeRedisClient(subscriber);
    },
  };
  return cache;
}
