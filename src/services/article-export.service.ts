/**
 * Every article matching the list's filters, as rows for an export: read from a database
 * cursor a batch at a time (authors and favorite counts in two queries per batch), as an
 * async iterable — the consumer's pace sets the cursor's, so memory stays flat however
 * many rows there are.
 */
import { Article, User, type ArticleDoc } from '../models';
import { articleQuery, type ArticleFilter } from '../queries/article-filter';
import { countFavorites } from '../queries/favorites';
import type { Reads } from '../queries/reads';

const BATCH = 500;

export const EXPORT_COLUMNS = [
  'slug',
  'title',
  'description',
  'body',
  'tagList',
  'author',
  'favoritesCount',
  'createdAt',
  'updatedAt',
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number>;

async function* toRows(batch: ArticleDoc[]): AsyncGenerator<ExportRow> {
  const [authors, counts] = await Promise.all([
    User.find({ _id: { $in: batch.map((a) => a.author) } })
      .select('username')
      .lean(),
    countFavorites(batch.map((a) => a._id.toString())),
  ]);
  const usernames = new Map(authors.map((u) => [u._id.toString(), u.username]));
  for (const article of batch) {
    yield {
      slug: article.slug,
      title: article.title,
      description: article.description,
      body: article.body,
      tagList: article.tagList.join(';'),
      author: usernames.get(article.author.toString()) ?? '',
      favoritesCount: counts.get(article._id.toString()) ?? 0,
      createdAt: article.createdAt.toISOString(),
      updatedAt: article.updatedAt.toISOString(),
    };
  }
}

export function createArticleExportService({ reads }: { reads: Reads }) {
  return {
    /** The matching articles, newest first, one row each. */
    async *rows(filter: ArticleFilter): AsyncGenerator<ExportRow> {
      const query = await articleQuery(filter, reads);
      if (!query) return;
      const cursor = Article.find(query)
        .sort({ createdAt: -1, _id: -1 })
        .lean<ArticleDoc>()
        .cursor({ batchSize: BATCH });
      let batch: ArticleDoc[] = [];
      for await (const article of cursor) {
        batch.push(article);
        if (batch.length < BATCH) continue;
        yield* toRows(batch);
        batch = [];
      }
      if (batch.length > 0) yield* toRows(batch);
    },
  };
}

export type ArticleExportService = ReturnType<typeof createArticleExportService>;
