/** The filters of the article list, resolved: as the index reads them, and as the database does. */
import type { PageQuery } from '../cache/article-index';
import type { Reads } from './reads';

export interface ArticleFilter {
  tag?: string;
  author?: string;
  favorited?: string;
}

/** The filter with names resolved to ids; undefined when nothing can match (an unknown name). */
export async function pageQuery(
  filter: ArticleFilter,
  reads: Pick<Reads, 'findUserId'>,
): Promise<PageQuery | undefined> {
  const [authorId, favoriterId] = await Promise.all([
    filter.author ? reads.findUserId(filter.author) : undefined,
    filter.favorited ? reads.findUserId(filter.favorited) : undefined,
  ]);
  if ((filter.author && !authorId) || (filter.favorited && !favoriterId)) return undefined;
  return {
    ...(filter.tag && { tag: filter.tag }),
    ...(authorId && { authorId }),
    ...(favoriterId && { favoritedBy: favoriterId }),
  };
}

/**
 * The database query for `filter` (the CSV export reads every match); undefined when
 * nothing can match. Names resolve to ids, and a favoriter to their favorites, through the cache.
 */
export async function articleQuery(
  filter: ArticleFilter,
  reads: Pick<Reads, 'findUserId' | 'favoritesOf'>,
): Promise<Record<string, unknown> | undefined> {
  const query: Record<string, unknown> = {};
  if (filter.tag) query.tagList = filter.tag;
  if (filter.author) {
    const authorId = await reads.findUserId(filter.author);
    if (!authorId) return undefined;
    query.author = authorId;
  }
  if (filter.favorited) {
    const favoriterId = await reads.findUserId(filter.favorited);
    if (!favoriterId) return undefined;
    query._id = { $in: [...(await reads.favoritesOf(favoriterId))] };
  }
  return query;
}
