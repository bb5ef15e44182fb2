/** The filters of the article list (and of its CSV export), as one database query. */
import { Favorite } from '../models';
import { userIdByUsername } from './lookups';

export interface ArticleFilter {
  tag?: string;
  author?: string;
  favorited?: string;
}

/** The query for `filter`; undefined when nothing can match (an unknown author or fan). */
export async function articleQuery(
  filter: ArticleFilter,
): Promise<Record<string, unknown> | undefined> {
  const query: Record<string, unknown> = {};
  if (filter.tag) query.tagList = filter.tag;
  if (filter.author) {
    const authorId = await userIdByUsername(filter.author);
    if (!authorId) return undefined;
    query.author = authorId;
  }
  if (filter.favorited) {
    const fanId = await userIdByUsername(filter.favorited);
    if (!fanId) return undefined;
    const favorites = await Favorite.find({ user: fanId }).select('article').lean();
    query._id = { $in: favorites.map((f) => f.article) };
  }
  return query;
}
