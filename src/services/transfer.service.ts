/**
 * Articles in bulk, both ways, as async iterables — the consumer's pace sets the source's,
 * so memory stays flat however many there are:
 * - export: every article matching the list's filters, as rows, read from a database
 *   cursor a batch at a time (authors and favorite counts in two queries per batch);
 * - import: one result per line of NDJSON — the article created, or why not — then the
 *   totals. Each line is checked like the body of POST /api/v1/articles.
 */
import { articleInput } from '../domain/article-input';
import { Article, User, type ArticleDoc } from '../models';
import { articleQuery, type ArticleFilter } from '../queries/article-filter';
import { countFavorites } from '../queries/favorites';
import type { Reads } from '../queries/reads';
import { toAppError, joiErrorMap } from '../utils/translate-error';
import type { ArticleService } from './article.service';

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

export interface ImportLimits {
  maxLines: number;
  maxLineBytes: number;
}

/** One line's result: its number, and the article's slug or what was wrong. */
export type ImportResult = { line: number } & (
  { slug: string } | { errors: Record<string, string[]> }
);

export function createTransferService({
  reads,
  articles,
}: {
  reads: Reads;
  articles: ArticleService;
}) {
  /** One line: an article created, or why not. */
  async function importLine(authorId: string, text: string) {
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      return { errors: { body: ['is not valid JSON'] } };
    }
    const { value, error } = articleInput.validate(input, {
      abortEarly: false,
      stripUnknown: true,
    });
    if (error) return { errors: joiErrorMap(error) };
    try {
      return { slug: (await articles.create(authorId, value)).slug };
    } catch (err) {
      const known = toAppError(err);
      if (!known || known.status >= 500) throw err;
      return { errors: known.errors };
    }
  }

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

    /**
     * Creates an article per line of `lines`, yielding each line's result as it goes, and
     * stops at `maxLines` or at a line past `maxLineBytes` (whose result says so).
     */
    async *importArticles(
      authorId: string,
      lines: AsyncIterable<string>,
      limits: ImportLimits,
    ): AsyncGenerator<ImportResult> {
      let line = 0;
      for await (const text of lines) {
        line += 1;
        if (line > limits.maxLines) {
          yield { line, errors: { body: [`more than ${limits.maxLines} lines: stopped here`] } };
          return;
        }
        if (Buffer.byteLength(text) > limits.maxLineBytes) {
          yield { line, errors: tooLong(limits) };
          return;
        }
        if (text.trim()) yield { line, ...(await importLine(authorId, text)) };
      }
    },
  };
}

export const tooLong = (limits: ImportLimits) => ({
  body: [`is longer than ${limits.maxLineBytes} bytes: stopped here`],
});

export type TransferService = ReturnType<typeof createTransferService>;
