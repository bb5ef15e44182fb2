/** Articles in bulk: a CSV export and an NDJSON import, both streamed. */
import Joi from 'joi';
import type { ArticleFilter } from '../queries/article-filter';
import { endpoint } from './endpoint';

export const exportCsv = endpoint({
  summary: 'Every matching article as CSV, streamed (same filters as the list)',
  description:
    'Every matching article (body included), newest first, as CSV. Streamed from a database cursor: memory stays flat however many articles there are.',
  tag: 'Articles',
  query: Joi.object<ArticleFilter>({
    tag: Joi.string().trim().max(40),
    author: Joi.string().trim().max(100),
    favorited: Joi.string().trim().max(100),
  }),
  success: { status: 200, mediaType: 'text/csv' },
});

export const importNdjson = endpoint({
  summary: 'Create articles from NDJSON, one per line; answers one result per line as it goes',
  description:
    "One JSON article per line (like the create body's `article`); each line is validated and created on its own, and the answer streams one result per line as it goes. Limited to IMPORT_MAX_LINES lines of at most IMPORT_MAX_LINE_BYTES each.",
  tag: 'Articles',
  rawBody: {
    mediaType: 'application/x-ndjson',
    description:
      'One article per line: {"title", "description", "body", "tagList"?}. At most IMPORT_MAX_LINES lines of IMPORT_MAX_LINE_BYTES each.',
  },
  success: {
    status: 200,
    mediaType: 'application/x-ndjson',
    description:
      'One line per input line — {"line": 1, "slug": "..."} or {"line": 2, "errors": {...}} — then {"created": N, "failed": M}',
  },
  errors: [415],
});
