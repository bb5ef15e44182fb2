/**
 * Cache-aside for values, in two layers behind one read:
 * - local: an in-process LRU (lru-cache) with a short TTL, the fastest hit;
 * - shared: Redis, shared by every instance, with a longer TTL (skipped for `shared: false`).
 * A miss in both loads once per key however many requests wait for it (single flight).
 * `invalidate` forgets keys (and local groups) here at once, in Redis, and on the other
 * instances through the link's channel. A load that raced an invalidation is not stored:
 * each shared key has a version beside it, and locally each key remembers when it was last
 * invalidated — a stale read never outlives the write that made it stale.
 */
import { LRUCache } from 'lru-cache';
import type { CacheKey } from './keys';
import type { Change, SharedLink } from './shared-link';

type Layer = 'local' | 'shared';

export interface ValueCacheSettings {
  enabled: boolean;
  localMax: number;
  localTtlMs: number;
  sharedTtlSeconds: number;
}

export interface ReadOptions {
  /** false: this process only (values the index gives back cheaply). Default true. */
  shared?: boolean;
  /** A local group the value belongs to: `invalidate([], [group])` forgets them all. */
  group?: string;
}

// Stores a loaded value only if the key's version is still the one read before the load.
const SET_IF_VERSION = `if (redis.call('get', KEYS[2]) or '0') == ARGV[1] then
  redis.call('set', KEYS[1], ARGV[2], 'EX', ARGV[3]) end`;
// Forgets a value and bumps its version, so a load in flight will not store.
const FORGET = `redis.call('del', KEYS[1]); redis.call('incr', KEYS[2]);
  redis.call('expire', KEYS[2], ARGV[1])`;

const noShared = async () => undefined;

export function createValueCache(
  settings: ValueCacheSettings,
  link: SharedLink,
  onLookup?: (layer: Layer, hit: boolean) => void,
) {
  const local = new LRUCache<string, { value: unknown }>({
    max: settings.localMax,
    ttl: settings.localTtlMs,
  });
  /** When each key was last invalidated here: a load that began before is not kept. */
  const invalidatedAt = new LRUCache<string, number>({ max: 10_000, ttl: 60_000 });
  const flights = new Map<string, Promise<unknown>>();
  /** Each local group's generation: a new one leaves the old members unreachable. */
  const generations = new Map<string, number>();
  const versionTtl = settings.sharedTtlSeconds * 2;

  // Values and their versions in separate namespaces: no key (a slug, a tag) can name the other.
  const sharedKey = (key: string) => `${link.space()}:value:${key}`;
  const versionKey = (key: string) => `${link.space()}:version:${key}`;
  const localKey = (key: string, group?: string) =>
    group ? `${group}@${generations.get(group) ?? 0}:${key}` : key;

  function forgetLocally({ keys = [], groups = [] }: Pick<Change, 'keys' | 'groups'>) {
    const now = Date.now();
    for (const key of keys) {
      local.delete(key);
      invalidatedAt.set(key, now);
    }
    for (const group of groups) generations.set(group, (generations.get(group) ?? 0) + 1);
  }
  const keep = (key: string, value: unknown, loadStartedAt: number) => {
    if ((invalidatedAt.get(key) ?? -1) < loadStartedAt) local.set(key, { value });
  };
  link.onChange(forgetLocally);
  link.onReset(() => local.clear());

  /** A local miss: Redis, then `load`; the loaded value stored unless the key changed meanwhile. */
  async function loadThrough<T>(
    key: string,
    stored: string,
    load: () => Promise<T>,
    shared: boolean,
  ) {
    const startedAt = Date.now();
    const found = shared
      ? await link.run((client) => client.mget(sharedKey(key), versionKey(key)))
      : undefined;
    if (found?.[0] != null) {
      onLookup?.('shared', true);
      // The one cast: what was stored under this key is a T (CacheKey<T>).
      const value = JSON.parse(found[0]) as T;
      keep(stored, value, startedAt);
      return value;
    }
    if (found) onLookup?.('shared', false);
    const value = await load();
    if (found) {
      const args = [versionKey(key), found[1] ?? '0', JSON.stringify(value)];
      await link.run((client) =>
        client.eval(SET_IF_VERSION, 2, sharedKey(key), ...args, settings.sharedTtlSeconds),
      );
    }
    keep(stored, value, startedAt);
    return value;
  }

  return {
    /** The value of `key`; `load` runs on a miss, once per key at a time. */
    async read<T>(key: CacheKey<T>, load: () => Promise<T>, options: ReadOptions = {}): Promise<T> {
      if (!settings.enabled) return load();
      const stored = localKey(key, options.group);
      const hit = local.get(stored);
      onLookup?.('local', hit !== undefined);
      if (hit) return hit.value as T;
      const flying = flights.get(stored);
      if (flying) return flying as Promise<T>;
      const flight = loadThrough(key, stored, load, options.shared ?? true).finally(() =>
        flights.delete(stored),
      );
      flights.set(stored, flight);
      return flight;
    },

    /** The values of `keys`; `loadMissing` loads every miss at once (no single flight). */
    async readMany<T>(
      keys: readonly CacheKey<T>[],
      loadMissing: (missing: string[]) => Promise<Map<string, T>>,
      options: Pick<ReadOptions, 'shared'> = {},
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
      const found = await ((options.shared ?? true) ? link.run : noShared)((client) =>
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
          const value = JSON.parse(json) as T;
          values.set(key, value);
          keep(key, value, startedAt);
          return false;
        });
      }
      if (missing.length === 0) return values;
      const loaded = await loadMissing(missing);
      for (const [key, value] of loaded) {
        values.set(key, value);
        keep(key, value, startedAt);
      }
      if (found && loaded.size > 0) {
        await link.run((client) => {
          const store = client.pipeline();
          for (const [key, value] of loaded) {
            const args = [versionKey(key), versions.get(key) ?? '0', JSON.stringify(value)];
            store.eval(SET_IF_VERSION, 2, sharedKey(key), ...args, settings.sharedTtlSeconds);
          }
          return store.exec();
        });
      }
      return values;
    },

    /**
     * A value just written to the database, stored in both layers (nothing to read); the
     * other instances drop their copy. Its version moves on, so a load in flight stores nothing.
     */
    async write<T>(key: CacheKey<T>, value: T): Promise<void> {
      if (!settings.enabled) return;
      forgetLocally({ keys: [key] });
      local.set(key, { value });
      await link.run(
        (client) =>
          client
            .pipeline()
            .set(sharedKey(key), JSON.stringify(value), 'EX', settings.sharedTtlSeconds)
            .incr(versionKey(key))
            .expire(versionKey(key), versionTtl)
            .publish(link.channel, link.message({ keys: [key] }))
            .exec(),
        true,
      );
    },

    /** Forgets keys (both layers) and local groups, here and on every other instance. */
    async invalidate(keys: readonly string[], groups: readonly string[] = []): Promise<void> {
      if (!settings.enabled || keys.length + groups.length === 0) return;
      forgetLocally({ keys: [...keys], groups: [...groups] });
      // One round trip: forget in Redis, then tell the other instances.
      await link.run((client) => {
        const forget = client.pipeline();
        for (const key of keys) forget.eval(FORGET, 2, sharedKey(key), versionKey(key), versionTtl);
        return forget
          .publish(link.channel, link.message({ keys: [...keys], groups: [...groups] }))
          .exec();
      }, true);
    },
  };
}
