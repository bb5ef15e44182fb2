/**
 * The hot reads, through the read cache (src/cache/): articles, profiles, user ids, list
 * pages, tags, favorites counts, a user's favorites and follows, a user's access.
 * - Values by id come from the cache's two layers; a miss is read by `_id` — the one query
 *   the embedded database answers without reading the whole collection — in parallel.
 * - Pages, tags, counts and the favorites and follows sets come from the article index in
 *   Redis; until it is loaded (or without Redis), from the database. Either way a copy is
 *   kept in this process until a write drops it (src/cache/upkeep.ts).
 * Values are plain JSON (dates as ISO strings) shared between requests: read them, never
 * change them.
 */
import type { Types } from 'mongoose';
import type { PageQuery } from '../cache/article-index';
import type { Cache } from '../cache/cache';
import {
  cacheKeys as keys,
  LISTS,
  localKeys,
  type CacheKey,
  type CachedAccess,
  type CachedArticle,
  type CachedPerson,
  type IdPage,
} from '../cache/keys';
import { Article, Favorite, Follow, User, type ArticleDoc } from '../models';
import { NotFoundError } from '../utils/errors';
import { findByIds } from './by-id';
import { countFavorites } from './favorites';
import { findPage, type Page } from './page';

export type { CachedArticle, CachedPerson };

type StoredArticle = Pick<
  ArticleDoc,
  '_id' | 'slug' | 'title' | 'description' | 'tagList' | 'createdAt' | 'updatedAt'
> & { author: Types.ObjectId };

export const toCachedArticle = (a: StoredArticle): CachedArticle => ({
  id: a._id.toString(),
  slug: a.slug,
  title: a.title,
  description: a.description,
  tagList: a.tagList,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
  authorId: a.author.toString(),
});

const toCachedPerson = (u: {
  _id: Types.ObjectId;
  username: string;
  bio?: string | null;
  image?: string | null;
}) => ({
  id: u._id.toString(),
  username: u.username,
  bio: u.bio ?? null,
  image: u.image ?? null,
});

/** The values of `ids` under `key(id)`, by id. */
const byId = <T>(
  ids: readonly string[],
  key: (id: string) => CacheKey<T>,
  values: Map<string, T>,
) => new Map(ids.flatMap((id) => (values.has(key(id)) ? [[id, values.get(key(id))!]] : [])));

const LOCAL = { shared: false };
const ARTICLE_FIELDS = 'slug title description tagList createdAt updatedAt author';

/** Filters of a page, as the database would run them (when the index cannot). */
function databaseFilter(query: PageQuery, favorites?: string[]): Record<string, unknown> {
  return {
    ...(query.tag !== undefined && { tagList: query.tag }),
    ...(query.authorId !== undefined && { author: query.authorId }),
    ...(query.authorIds !== undefined && { author: { $in: query.authorIds } }),
    ...(favorites !== undefined && { _id: { $in: favorites } }),
  };
}

export function createReads({ values, index }: Cache) {
  /** Articles by id (list fields, no body). */
  async function articlesById(ids: readonly string[]): Promise<Map<string, CachedArticle>> {
    const found = await values.readMany(ids.map(keys.article), async (missing) => {
      const wanted = ids.filter((id) => missing.includes(keys.article(id)));
      const stored = await findByIds(Article, wanted, ARTICLE_FIELDS);
      return new Map(stored.map((a) => [keys.article(a._id.toString()), toCachedArticle(a)]));
    });
    return byId(ids, keys.article, found);
  }

  /** The id of the article with this slug; 404 when there is none. */
  const articleId = (slug: string) =>
    values.read(keys.articleId(slug), async () => {
      const found = await Article.findOne({ slug }).select(ARTICLE_FIELDS).lean();
      if (!found) throw new NotFoundError('article');
      await values.write(keys.article(found._id.toString()), toCachedArticle(found));
      return found._id.toString();
    });

  const userId = (username: string, what = 'profile') =>
    values.read(keys.userId(username), async () => {
      const user = await User.findOne({ username }).select('_id').lean();
      if (!user) throw new NotFoundError(what);
      return user._id.toString();
    });

  /** The ids of the articles the user favorited. */
  const favoritesOf = async (userId: string) =>
    new Set(
      await values.read(
        localKeys.favoritesOf(userId),
        async () =>
          (await index.favoritesOf(userId)) ??
          (await Favorite.find({ user: userId }).select('article').lean()).map((f) =>
            f.article.toString(),
          ),
        LOCAL,
      ),
    );

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
    articlesById,

    /** The article with this slug (list fields); 404 when there is none. */
    async article(slug: string): Promise<CachedArticle> {
      const id = await articleId(slug);
      const found = (await articlesById([id])).get(id);
      if (!found) throw new NotFoundError('article');
      return found;
    },

    /** The body of an article (lists leave it out). */
    articleBody: (id: string) =>
      values.read(keys.articleBody(id), async () => {
        const found = await Article.findById(id).select('body').lean();
        if (!found) throw new NotFoundError('article');
        return found.body;
      }),

    /** Several articles by slug (unknown ones left out); the unknown slugs read in one query. */
    async articles(slugs: readonly string[]): Promise<Map<string, CachedArticle>> {
      const ids = await values.readMany(slugs.map(keys.articleId), async (missing) => {
        const wanted = slugs.filter((slug) => missing.includes(keys.articleId(slug)));
        const stored = await Article.find({ slug: { $in: wanted } })
          .select(ARTICLE_FIELDS)
          .lean();
        await Promise.all(
          stored.map((a) => values.write(keys.article(a._id.toString()), toCachedArticle(a))),
        );
        return new Map(stored.map((a) => [keys.articleId(a.slug), a._id.toString()]));
      });
      const found = await articlesById([...ids.values()]);
      return new Map(
        slugs.flatMap((slug) => {
          const article = found.get(ids.get(keys.articleId(slug)) ?? '');
          return article ? [[slug, article]] : [];
        }),
      );
    },

    /** Public profile fields by user id (unknown ids left out). */
    async people(ids: readonly string[]): Promise<Map<string, CachedPerson>> {
      const unique = [...new Set(ids)];
      const found = await values.readMany(unique.map(keys.person), async (missing) => {
        const wanted = unique.filter((id) => missing.includes(keys.person(id)));
        const users = await findByIds(User, wanted, 'username bio image');
        return new Map(users.map((u) => [keys.person(u._id.toString()), toCachedPerson(u)]));
      });
      return byId(unique, keys.person, found);
    },

    /** The id of the user with this name; 404 naming `what` when there is none. */
    userId,

    /** The id of the user with this name, or undefined: a filter by an unknown name matches nothing. */
    async findUserId(username: string) {
      try {
        return await userId(username);
      } catch (err) {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }
    },

    /** What decides whether the user's token still lets them in; undefined: no such user. */
    access: (userId: string) =>
      values.read(keys.access(userId), async (): Promise<CachedAccess | null> => {
        const user = await User.findById(userId).select('role status tokenVersion').lean();
        return (
          user && {
            role: user.role,
            status: user.status ?? null,
            tokenVersion: user.tokenVersion ?? 0,
          }
        );
      }),

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

    favoritesOf,

    /** The ids of the users the user follows. */
    followeesOf: async (userId: string) =>
      new Set(
        await values.read(
          localKeys.followeesOf(userId),
          async () =>
            (await index.followeesOf(userId)) ??
            (await Follow.find({ follower: userId }).select('followee').lean()).map((f) =>
              f.followee.toString(),
            ),
          LOCAL,
        ),
      ),

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

export type Reads = ReturnType<typeof createReads>;
