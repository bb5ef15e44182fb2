/**
 * Lists: pages of articles, tags, favorites counts — from the article index in Redis, so no
 * list read scans the articles; until it is loaded (or without Redis), from the database.
 * Either way a copy is kept in this process until a write drops it (src/cache/upkeep.ts).
 */
import type { PageQuery } from '../cache/article-index';
import type { Cache } from '../cache/cache';
import {
  LISTS,
  cacheKeys as keys,
  localKeys,
  type CachedArticle,
  type IdPage,
} from '../cache/keys';
import { Article } from '../models';
import { ARTICLE_FIELDS, toCachedArticle, type createArticleReads } from './article-reads';
import { byId } from './by-id';
import { countFavorites } from './favorites';
import { findPage, type Page } from './page';
import type { createUserReads } from './user-reads';

const LOCAL = { shared: false };

/** Filters of a page, as the database would run them (when the index cannot). */
function databaseFilter(query: PageQuery, favorites?: string[]): Record<string, unknown> {
  return {
    ...(query.tag !== undefined && { tagList: query.tag }),
    ...(query.authorId !== undefined && { author: query.authorId }),
    ...(query.authorIds !== undefined && { author: { $in: query.authorIds } }),
    ...(favorites !== undefined && { _id: { $in: favorites } }),
  };
}

export function createListReads(
  { values, index }: Pick<Cache, 'values' | 'index'>,
  { articlesById }: Pick<ReturnType<typeof createArticleReads>, 'articlesById'>,
  { favoritesOf }: Pick<ReturnType<typeof createUserReads>, 'favoritesOf'>,
) {
  /** A page of the database's own: the fallback while the index cannot answer. */
  async function databasePage(query: PageQuery, page: Page): Promise<IdPage> {
    const favorites = query.favoritedBy ? [...(await favoritesOf(query.favoritedBy))] : undefined;
    const { items, total } = await findPage(Article, databaseFilter(query, favorites), page, (q) =>
      q.select(ARTICLE_FIELDS).sort({ createdAt: -1, _id: -1 }).lean(),
    );
    await Promise.all(
      items.map((a) => values.write(keys.article(a._id.toString()), toCachedArticle(a))),
    );
    return { ids: items.map((a) => a._id.toString()), total };
  }

  return {
    /** A page of articles (newest first, no bodies) and how many match in all. */
    async page(
      query: PageQuery,
      page: Page,
    ): Promise<{ articles: CachedArticle[]; articlesCount: number }> {
      const name = JSON.stringify([query.tag, query.authorId, query.favoritedBy, query.authorIds]);
      const found = await values.read(
        localKeys.page(name, page.limit, page.offset),
        async () => (await index.page(query, page.limit, page.offset)) ?? databasePage(query, page),
        { ...LOCAL, group: LISTS },
      );
      if (found.articles) return { articles: found.articles, articlesCount: found.total };
      const byId = await articlesById(found.ids);
      return {
        articles: found.ids.flatMap((id) => byId.get(id) ?? []),
        articlesCount: found.total,
      };
    },

    /** Favorites per article. */
    async favoritesCounts(articleIds: readonly string[]): Promise<Map<string, number>> {
      const found = await values.readMany(
        articleIds.map(localKeys.favoritesCount),
        async (missing) => {
          const wanted = articleIds.filter((id) => missing.includes(localKeys.favoritesCount(id)));
          const indexed = await Promise.all(wanted.map(index.favoritesCount));
          const counts = indexed.every((c) => c !== undefined)
            ? new Map(wanted.map((id, i) => [id, indexed[i] ?? 0]))
            : await countFavorites(wanted);
          return new Map(wanted.map((id) => [localKeys.favoritesCount(id), counts.get(id) ?? 0]));
        },
        LOCAL,
      );
      return byId(articleIds, localKeys.favoritesCount, found);
    },

    /** The count in the database now, past the cache (after a write that changed nothing). */
    async favoritesCountNow(articleId: string) {
      return (await countFavorites([articleId])).get(articleId) ?? 0;
    },

    /** Distinct tags in use, most used first (a $group with a simple accumulator: FerretDB-safe). */
    tags: () =>
      values.read(
        localKeys.tags(),
        async () =>
          (await index.tags()) ??
          (
            await Article.aggregate<{ _id: string; count: number }>([
              { $unwind: '$tagList' },
              { $group: { _id: '$tagList', count: { $sum: 1 } } },
              { $sort: { count: -1, _id: 1 } },
            ])
          ).map((t) => t._id),
        { ...LOCAL, group: LISTS },
      ),
  };
}
