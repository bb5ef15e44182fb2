/**
 * The read cache, assembled: the link to Redis that every instance shares
 * (./shared-link.ts), cache-aside values in two layers (./value-cache.ts), and the article
 * index that list pages are read from (./article-index.ts). The reads that use it are in
 * src/queries/reads.ts; what each write changes in it, in ./upkeep.ts.
 */
import type { RedisClient } from '../db/redis';
import { createArticleIndex, type IndexSources } from './article-index';
import { createSharedLink } from './shared-link';
import { createValueCache, type ValueCacheSettings } from './value-cache';

export interface CacheSettings extends ValueCacheSettings {
  keyPrefix: string;
}

export interface CacheDeps {
  /** Shared by every instance; without it each instance caches for itself, and lists read the database. */
  redis?: RedisClient;
  /** Where the article index is loaded from (src/queries/index-sources.ts). */
  sources: IndexSources;
  /** Called on every value lookup, per layer (metrics). */
  onLookup?: (layer: 'local' | 'shared', hit: boolean) => void;
}

export function createCache(settings: CacheSettings, deps: CacheDeps) {
  const link = createSharedLink(settings.keyPrefix, settings.enabled ? deps.redis : undefined);
  return {
    values: createValueCache(settings, link, deps.onLookup),
    index: createArticleIndex(link, deps.sources),
    /** Resolves once Redis is in use and other instances' changes are heard. */
    ready: link.ready,
    close: link.close,
  };
}

export type Cache = ReturnType<typeof createCache>;
