/** The filters of the article list (and of its CSV export), as one database query. */
import type { Reads } from './reads';

export interface ArticleFilter {
  tag?: string;
  author?: string;
  favorited?: string;
}

/**
 * The query for `filter`; undefined when nothing can match (an unknown author or fan).
 * Names resolve to ids, and a fan to their favorites, through the cache.
 */
export async function articleQuery(
  filter: ArticleFilter,
  reads: Pick<Reads, 'findUserId' | 'favoritedBy'>,
): Promise<Record<string, unknown> | undefined> {
  const query: Record<string, unknown> = {};
  if (filter.tag) query.tagList = filter.tag;
  if (filter.author) {
    const authorId = await reads.findUserId(filter.author);
    if (!authorId) return undefined;
    query.author = authorId;
  }
  if (filter.favorited) {
    const fanId = await reads.findUserId(filter.favorited);
    if (!fanId) return undefined;
    query._id = { $in: [...(await reads.favoritedBy(fanId))] };
  }
  return query;
}
