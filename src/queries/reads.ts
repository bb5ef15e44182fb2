/**
 * The hot reads, through the read cache (src/cache/): articles (./article-reads.ts),
 * users (./user-reads.ts), lists (./list-reads.ts). Values are plain JSON (dates as ISO
 * strings) shared between requests: read them, never change them.
 */
import type { Cache } from '../cache/cache';
import type { CachedArticle } from '../cache/keys';
import { createArticleReads } from './article-reads';
import { createListReads } from './list-reads';
import { createUserReads } from './user-reads';

export type { CachedArticle };
export { toCachedArticle } from './article-reads';

export function createReads(cache: Cache) {
  const articles = createArticleReads(cache);
  const users = createUserReads(cache);
  return { ...articles, ...users, ...createListReads(cache, articles, users) };
}

export type Reads = ReturnType<typeof createReads>;
