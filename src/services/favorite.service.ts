/** Favorites: one document per (user, article); counts are counted, never incremented. */
import type { Types } from 'mongoose';
import { Favorite } from '../models';
import { isDuplicateKeyError } from '../utils/mongo';
import { articleIdBySlug } from './lookups';

/** Favorites count per article and which of them the viewer favorited: two queries in all. */
export async function favoriteStats(articleIds: Types.ObjectId[], viewerId?: string) {
  const [counts, mine] = await Promise.all([
    Favorite.aggregate<{ _id: Types.ObjectId; count: number }>([
      { $match: { article: { $in: articleIds } } },
      { $group: { _id: '$article', count: { $sum: 1 } } },
    ]),
    viewerId
      ? Favorite.find({ user: viewerId, article: { $in: articleIds } })
          .select('article')
          .lean()
      : Promise.resolve([]),
  ]);
  return {
    counts: new Map(counts.map((c) => [c._id.toString(), c.count])),
    favoritedByViewer: new Set(mine.map((f) => f.article.toString())),
  };
}

/** Idempotent: favoriting twice leaves one favorite. */
export async function favoriteArticle(viewerId: string, slug: string) {
  const article = await articleIdBySlug(slug);
  try {
    await Favorite.create({ user: viewerId, article });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

export async function unfavoriteArticle(viewerId: string, slug: string) {
  await Favorite.deleteOne({ user: viewerId, article: await articleIdBySlug(slug) });
}
