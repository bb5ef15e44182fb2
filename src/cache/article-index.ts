/**
 * The article index: what list pages, tags, counts and the actor's flags are computed from,
 * kept in Redis and shared by every instance, so no list read scans the articles.
 *
 *   all, tag:<tag>, author:<id>   sorted sets of article ids, scored by creation time
 *   tags                          the set of tag names ever used (a tag's count: its set's size)
 *   favoriters:<article>, favorites:<user> the favorites, both ways round
 *   followees:<user>              the follows
 *
 * Each of its three parts (articles, favorites, follows) is filled once from the database
 * (`load`) and from then on kept by the writes themselves (./upkeep.ts), in the request,
 * before the answer — so a writer reads its own write, and so does everyone else. Writes
 * only add and remove members, so they need no lock and can run while a part is loading:
 * until the part is complete, each write also notes its member as touched, and the load
 * leaves touched members to the writes. A part is used only once complete; until then (and
 * while Redis is away) the callers read the database.
 */
import { randomUUID } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import { createIndexLoader } from './index-load';
import {
  indexKeys,
  PARTS,
  score,
  type IndexPart,
  type IndexedArticle,
  type IndexSources,
  type PageQuery,
} from './index-keys';
import type { IdPage } from './keys';
import type { SharedLink } from './shared-link';

export type { IndexedArticle, IndexSources, PageQuery };

// Notes a member as touched while its part is not complete yet.
const TOUCH = `if redis.call('exists', KEYS[1]) == 0 then redis.call('sadd', KEYS[2], ARGV[1]) end`;

export function createArticleIndex(link: SharedLink, sources: IndexSources) {
  const keys = indexKeys(link);
  const load = createIndexLoader(link, keys, sources);
  const loading = new Map<IndexPart, Promise<void>>();

  /** Starts loading `part` here, unless a load of it is running here already. */
  function startLoad(part: IndexPart) {
    if (!loading.has(part))
      loading.set(
        part,
        load(part).finally(() => loading.delete(part)),
      );
  }

  /**
   * Reads from the index in one round trip: whether `parts` are complete, then `commands`.
   * Undefined (read the database) when a part is not complete — its load starts — or Redis
   * is away. Checked on each read, so a Redis that lost the index is noticed at once.
   */
  async function read(parts: IndexPart[], commands: (p: ChainableCommander) => void) {
    const results = await link.run((c) => {
      const p = c.pipeline().exists(...parts.map(keys.complete));
      commands(p);
      return p.exec();
    });
    if (!results) return undefined;
    if (results[0]?.[1] !== parts.length) {
      for (const part of parts) startLoad(part);
      return undefined;
    }
    return results.slice(1).map(([, value]) => value);
  }

  /** Notes `member` as touched while `part` is loading, in the write's own pipeline. */
  const touch = (p: ChainableCommander, part: IndexPart, member: string) =>
    p.eval(TOUCH, 2, keys.complete(part), keys.touched(part), member);

  const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : undefined);

  return {
    keys,
    /** Starts loading every part not complete yet (at start-up); resolves when they are. */
    async warm() {
      await read([...PARTS], () => undefined);
      await Promise.all(loading.values());
    },

    /** A page of article ids, newest first, and how many match; undefined: read the database. */
    async page(query: PageQuery, limit: number, offset: number): Promise<IdPage | undefined> {
      const zsets = [
        ...(query.tag !== undefined ? [keys.tag(query.tag)] : []),
        ...(query.authorId !== undefined ? [keys.author(query.authorId)] : []),
      ];
      const sets = query.favoritedBy ? [keys.favorites(query.favoritedBy)] : [];
      const values = await read(
        query.favoritedBy ? ['articles', 'favorites'] : ['articles'],
        (p) => {
          const temp = () => keys.temp(randomUUID());
          // One sorted set answers most pages (all, a tag, an author); else a short-lived one.
          let from = query.authorIds
            ? temp()
            : zsets.length === 1 && !sets.length
              ? zsets[0]!
              : keys.all();
          if (query.authorIds)
            p.zunionstore(from, query.authorIds.length, ...query.authorIds.map(keys.author)).expire(
              from,
              10,
            );
          const filters = [...zsets, ...sets].filter((key) => key !== from);
          if (filters.length) {
            // Scores (creation times) from the first set; the others only filter (weight 0).
            const scored = from;
            from = temp();
            p.zinterstore(
              from,
              1 + filters.length,
              scored,
              ...filters,
              'WEIGHTS',
              1,
              ...filters.map(() => 0),
            );
            p.expire(from, 10);
          }
          p.zrevrange(from, offset, offset + limit - 1).zcard(from);
        },
      );
      const ids = strings(values?.at(-2));
      const total = values?.at(-1);
      return ids && typeof total === 'number' ? { ids, total } : undefined;
    },

    /** Tags in use, most used first (then by name); undefined: read the database. */
    async tags(): Promise<string[] | undefined> {
      const names = strings((await read(['articles'], (p) => p.smembers(keys.tags())))?.[0]);
      if (!names) return undefined;
      const counts = await read(['articles'], (p) => names.forEach((n) => p.zcard(keys.tag(n))));
      if (!counts) return undefined;
      return names
        .map((name, i) => ({ name, count: Number(counts[i] ?? 0) }))
        .filter((t) => t.count > 0)
        .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1))
        .map((t) => t.name);
    },

    async favoritesCount(articleId: string): Promise<number | undefined> {
      const [count] = (await read(['favorites'], (p) => p.scard(keys.favoriters(articleId)))) ?? [];
      return typeof count === 'number' ? count : undefined;
    },

    async favoritesOf(userId: string): Promise<string[] | undefined> {
      return strings((await read(['favorites'], (p) => p.smembers(keys.favorites(userId))))?.[0]);
    },

    async followeesOf(userId: string): Promise<string[] | undefined> {
      return strings((await read(['follows'], (p) => p.smembers(keys.followees(userId))))?.[0]);
    },

    // The writes (./upkeep.ts calls them in the request): one round trip each.

    /** An article as it is now (`before`: as it was, for a change of tags). */
    putArticle: (article: IndexedArticle, before?: IndexedArticle) =>
      link.run((c) => {
        const p = c.pipeline();
        touch(p, 'articles', article.id);
        const at = score(article.createdAt);
        p.zadd(keys.all(), at, article.id).zadd(keys.author(article.authorId), at, article.id);
        for (const tag of article.tagList)
          p.zadd(keys.tag(tag), at, article.id).sadd(keys.tags(), tag);
        for (const tag of before?.tagList ?? [])
          if (!article.tagList.includes(tag)) p.zrem(keys.tag(tag), article.id);
        return p.exec();
      }, true),

    /** An article deleted: out of its sets, and its favorites with it. */
    removeArticle: async (article: IndexedArticle) => {
      const favoriters = (await link.run((c) => c.smembers(keys.favoriters(article.id)))) ?? [];
      return link.run((c) => {
        const p = c.pipeline();
        touch(p, 'articles', article.id);
        p.zrem(keys.all(), article.id).zrem(keys.author(article.authorId), article.id);
        for (const tag of article.tagList) p.zrem(keys.tag(tag), article.id);
        for (const userId of favoriters) {
          touch(p, 'favorites', `${userId}|${article.id}`);
          p.srem(keys.favorites(userId), article.id);
        }
        return p.del(keys.favoriters(article.id)).exec();
      }, true);
    },

    setFavorite: (userId: string, articleId: string, on: boolean) =>
      link.run((c) => {
        const p = c.pipeline();
        touch(p, 'favorites', `${userId}|${articleId}`);
        if (on) p.sadd(keys.favoriters(articleId), userId).sadd(keys.favorites(userId), articleId);
        else p.srem(keys.favoriters(articleId), userId).srem(keys.favorites(userId), articleId);
        return p.exec();
      }, true),

    setFollow: (followerId: string, followeeId: string, on: boolean) =>
      link.run((c) => {
        const p = c.pipeline();
        touch(p, 'follows', `${followerId}|${followeeId}`);
        if (on) p.sadd(keys.followees(followerId), followeeId);
        else p.srem(keys.followees(followerId), followeeId);
        return p.exec();
      }, true),
  };
}
