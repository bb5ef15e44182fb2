/**
 * Views of articles as the API shows them: each article with its author's profile, its
 * favorites count and the actor's favorite and follow, read with a constant number of reads
 * however many articles (each served by the cache when it can).
 */
import { toArticleView, type ArticleView } from '../presenters/article.presenter';
import { toProfileView } from '../presenters/profile.presenter';
import type { CachedArticle, Reads } from '../queries/reads';
import { NotFoundError } from '../utils/errors';

/** What a write already knows of the actor's view of one article: nothing to read for it. */
type Known = Partial<{ favorited: boolean; favoritesCount: number; following: boolean }>;

const NONE: ReadonlySet<string> = new Set();

export type CachedPage = { articles: CachedArticle[]; articlesCount: number };

const EMPTY_PAGE: { articles: ArticleView[]; articlesCount: number } = {
  articles: [],
  articlesCount: 0,
};

export function createArticleViews(reads: Reads) {
  /**
   * Views of articles with a constant number of reads however many articles, each served
   * by the cache when it can: authors, favorites counts, the actor's favorites and follows.
   */
  async function present(
    articles: CachedArticle[],
    actorId: string | undefined,
    bodies: Map<string, string> | undefined,
    known: Known = {},
  ): Promise<ArticleView[]> {
    const ids = articles.map((a) => a.id);
    const [authors, counts, favorited, followees] = await Promise.all([
      reads.profiles(articles.map((a) => a.authorId)),
      known.favoritesCount === undefined
        ? reads.favoritesCounts(ids)
        : new Map(ids.map((id) => [id, known.favoritesCount ?? 0])),
      actorId && known.favorited === undefined ? reads.favoritesOf(actorId) : NONE,
      actorId && known.following === undefined ? reads.followeesOf(actorId) : NONE,
    ]);
    return articles.flatMap((article) => {
      const author = authors.get(article.authorId);
      if (!author) return []; // users are never deleted; an orphan is unreachable
      const state = {
        author: toProfileView(author, known.following ?? followees.has(article.authorId)),
        favorited: known.favorited ?? favorited.has(article.id),
        favoritesCount: counts.get(article.id) ?? 0,
      };
      const body = bodies?.get(article.id);
      return [toArticleView({ ...article, body }, state, bodies !== undefined)];
    });
  }

  /** One article with its body (read unless `body` is given: a write knows it). */
  async function presentOne(
    article: CachedArticle,
    actorId?: string,
    known?: Known,
    body?: string,
  ) {
    const text = body ?? (await reads.articleBody(article.id));
    const [view] = await present([article], actorId, new Map([[article.id, text]]), known);
    if (!view) throw new NotFoundError('article');
    return view;
  }

  async function presentPage(found: CachedPage | undefined, actorId?: string) {
    if (!found) return EMPTY_PAGE;
    return {
      articles: await present(found.articles, actorId, undefined),
      articlesCount: found.articlesCount,
    };
  }

  return { presentOne, presentPage, EMPTY_PAGE };
}
