/** Favorite counts: counted from the join collection (the cache keeps them between writes). */
import { Types } from 'mongoose';
import { Favorite } from '../models';

/** Favorites per article id, in one query; articles without favorites are left out. */
export async function countFavorites(articleIds: readonly string[]): Promise<Map<string, number>> {
  const counts = await Favorite.aggregate<{ _id: Types.ObjectId; count: number }>([
    { $match: { article: { $in: articleIds.map((id) => new Types.ObjectId(id)) } } },
    { $group: { _id: '$article', count: { $sum: 1 } } },
  ]);
  return new Map(counts.map((c) => [c._id.toString(), c.count]));
}
