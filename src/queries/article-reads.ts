/**
 * Articles through the read cache's two layers: by id (list fields; the body apart, as
 * lists leave it out), by slug, several at once. A miss is read by `_id` (src/queries/by-id.ts).
 */
import type { Types } from 'mongoose';
import type { Cache } from '../cache/cache';
import { cacheKeys as keys, type CachedArticle } from '../cache/keys';
import { Article, type ArticleDoc } from '../models';
import { NotFoundError } from '../utils/errors';
import { byId, findByIds } from './by-id';

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

export const ARTICLE_FIELDS = 'slug title description tagList createdAt updatedAt author';

export function createArticleReads({ values }: Pick<Cache, 'values'>) {
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
  };
}
