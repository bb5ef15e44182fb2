/**
 * The hot reads, through the cache: articles by slug, profiles, user ids, favorite counts,
 * a user's favorites and follows, tags, list pages. A miss costs one query whatever the
 * number of keys; a hit costs none. Values are plain JSON (dates as ISO strings) and
 * shared between requests: read them, never change them.
 */
import type { Types } from 'mongoose';
import type { Cache } from '../cache/cache';
import { ARTICLE_LISTS, cacheKeys as keys } from '../cache/keys';
import { Article, Favorite, User, type ArticleDoc } from '../models';
import { countFavorites } from './favorites';
import { followeeIds } from './follows';
import type { ArticleFields } from '../presenters/article.presenter';
import { NotFoundError } from '../utils/errors';
import { findPage, type Page } from './page';

/** An article's public fields (the same for every viewer), with its id and its author's. */
export interface CachedArticle extends ArticleFields {
  id: string;
  authorId: string;
}

export interface CachedPerson {
  id: string;
  username: string;
  bio: string | null;
  image: string | null;
}

export interface CachedPage {
  articles: CachedArticle[];
  articlesCount: number;
}

type StoredArticle = Pick<
  ArticleDoc,
  '_id' | 'slug' | 'title' | 'description' | 'tagList' | 'createdAt' | 'updatedAt'
> & { body?: string; author: Types.ObjectId };

export const toCachedArticle = (a: StoredArticle): CachedArticle => ({
  id: a._id.toString(),
  slug: a.slug,
  title: a.title,
  description: a.description,
  ...(a.body !== undefined && { body: a.body }),
  tagList: a.tagList,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
  authorId: a.author.toString(),
});

const byKey = <T>(ids: readonly string[], key: (id: string) => string, values: Map<string, T>) =>
  new Map(ids.flatMap((id) => (values.has(key(id)) ? [[id, values.get(key(id)) as T]] : [])));

export function createReads(cache: Cache) {
  /** A page of articles (newest first, no bodies) and the count of all matches. */
  async function queryPage(filter: Record<string, unknown>, page: Page): Promise<CachedPage> {
    const { items, total } = await findPage(Article, filter, page, (query) =>
      query.select('-body').sort({ createdAt: -1, _id: -1 }).lean(),
    );
    return { articles: items.map(toCachedArticle), articlesCount: total };
  }

  const userId = (username: string, what = 'profile') =>
    cache.read(keys.userId(username), async () => {
      const user = await User.findOne({ username }).select('_id').lean();
      if (!user) throw new NotFoundError(what);
      return user._id.toString();
    });

  return {
    queryPage,

    /** The article with this slug; 404 when there is none (misses are not cached). */
    article: (slug: string) =>
      cache.read(keys.article(slug), async () => {
        const found = await Article.findOne({ slug }).lean();
        if (!found) throw new NotFoundError('article');
        return toCachedArticle(found);
      }),

    /** Several articles by slug (unknown ones left out), in one query on a miss. */
    async articles(slugs: readonly string[]): Promise<Map<string, CachedArticle>> {
      const found = await cache.readMany(slugs.map(keys.article), async (missing) => {
        const wanted = slugs.filter((slug) => missing.includes(keys.article(slug)));
        const stored = await Article.find({ slug: { $in: wanted } }).lean();
        return new Map(stored.map((a) => [keys.article(a.slug), toCachedArticle(a)]));
      });
      return byKey(slugs, keys.article, found);
    },

    /** Public profile fields by user id (unknown ids left out). */
    async people(ids: readonly string[]): Promise<Map<string, CachedPerson>> {
      const unique = [...new Set(ids)];
      const found = await cache.readMany(unique.map(keys.person), async (missing) => {
        const wanted = unique.filter((id) => missing.includes(keys.person(id)));
        const users = await User.find({ _id: { $in: wanted } })
          .select('username bio image')
          .lean();
        return new Map(
          users.map((u) => [
            keys.person(u._id.toString()),
            {
              id: u._id.toString(),
              username: u.username,
              bio: u.bio ?? null,
              image: u.image ?? null,
            },
          ]),
        );
      });
      return byKey(unique, keys.person, found);
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

    /** Favorites per article, from the counters; the uncached ones counted in one query. */
    async favoritesCounts(articleIds: readonly string[]): Promise<Map<string, number>> {
      const found = await cache.readMany(articleIds.map(keys.favoritesCount), async (missing) => {
        const wanted = articleIds.filter((id) => missing.includes(keys.favoritesCount(id)));
        const counts = await countFavorites(wanted);
        return new Map(wanted.map((id) => [keys.favoritesCount(id), counts.get(id) ?? 0]));
      });
      return byKey(articleIds, keys.favoritesCount, found);
    },

    /** The count in the database now, past the cache (after a write that changed nothing). */
    async favoritesCountNow(articleId: string) {
      return (await countFavorites([articleId])).get(articleId) ?? 0;
    },

    /** Adds `delta` to a favorites counter; the new count, or undefined when it was not cached. */
    adjustFavoritesCount: (articleId: string, delta: number) =>
      cache.adjust(keys.favoritesCount(articleId), delta),

    /** A new article has no favorites: its counter starts at 0 without a query. */
    startFavoritesCount: (articleId: string) => cache.write(keys.favoritesCount(articleId), 0),

    /** The ids of the articles the user favorited. */
    favoritedBy: async (userId: string) =>
      new Set(
        await cache.read(keys.favoritedBy(userId), async () => {
          const favorites = await Favorite.find({ user: userId }).select('article').lean();
          return favorites.map((f) => f.article.toString());
        }),
      ),

    /** The ids of the users the user follows. */
    followees: async (userId: string) =>
      new Set(
        await cache.read(keys.followees(userId), async () =>
          (await followeeIds(userId)).map((id) => id.toString()),
        ),
      ),

    /** Distinct tags in use, most used first (a $group with a simple accumulator: FerretDB-safe). */
    tags: () =>
      cache.read(keys.tags(), async () => {
        const tags = await Article.aggregate<{ _id: string; count: number }>([
          { $unwind: '$tagList' },
          { $group: { _id: '$tagList', count: { $sum: 1 } } },
          { $sort: { count: -1, _id: 1 } },
        ]);
        return tags.map((t) => t._id);
      }),

    /** A list page every viewer shares (`key` names its filter and page). */
    listPage: async (key: string, filter: Record<string, unknown>, page: Page) =>
      cache.read(await cache.inGroup(ARTICLE_LISTS, `${key}:${page.limit}:${page.offset}`), () =>
        queryPage(filter, page),
      ),
  };
}

export type Reads = ReturnType<typeof createReads>;
