/** Favorite counts and flags: counted from the join collection, never stored as numbers. */
import type { Types } from 'mongoose';
import { Favorite } from '../models';

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
