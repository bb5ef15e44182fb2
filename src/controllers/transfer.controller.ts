/** Articles in bulk: CSV export and NDJSON import, both streamed. */
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import split2 from 'split2';
import { articleInput } from '../endpoints/article.endpoints';
import * as s from '../endpoints/file.endpoints';
import { currentUserId } from '../middleware/auth';
import { joiErrorMap, toAppError } from '../middleware/error-handler';
import { EXPORT_COLUMNS, type ArticleExportService } from '../services/article-export.service';
import type { ArticleService } from '../services/article.service';
import { UnsupportedMediaTypeError } from '../utils/errors';
import { logger } from '../utils/logger';
import { handle } from './handle';
import { sendStream } from './send-stream';

interface ImportLimits {
  maxLines: number;
  maxLineBytes: number;
}

/** Writes one NDJSON line, waiting when the client reads slower than we write. */
async function writeLine(res: Response, value: object) {
  if (!res.write(`${JSON.stringify(value)}\n`)) await once(res, 'drain');
}

export function createTransferController(
  articles: ArticleService,
  exporter: ArticleExportService,
  limits: ImportLimits,
) {
  /** One input line: an article created, or why not. */
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
      const known = toAppError(err as Error);
      if (!known || known.status >= 500) throw err;
      return { errors: known.errors };
    }
  }

  return {
    exportCsv: handle(s.exportCsv, async ({ query }, _req, res) => {
      res.type('text/csv; charset=utf-8').attachment('articles.csv');
      await sendStream(
        res,
        Readable.from(exporter.rows(query)),
        stringify({ header: true, columns: [...EXPORT_COLUMNS] }),
      );
    }),

    importNdjson: handle(s.importNdjson, async (_input, req, res) => {
      if (!req.is('application/x-ndjson'))
        throw new UnsupportedMediaTypeError('must be application/x-ndjson', 'content-type');
      const authorId = currentUserId(req);
      const tooLong = { body: [`is longer than ${limits.maxLineBytes} bytes: stopped here`] };
      const lines = split2({ maxLength: limits.maxLineBytes });
      // pipeline, not pipe: a client that hangs up mid-body ends the loop below with an error.
      pipeline(req, lines).catch(() => undefined);
      res.status(200).type('application/x-ndjson');
      let line = 0;
      let created = 0;
      let failed = 0;
      try {
        for await (const text of lines as AsyncIterable<string>) {
          line += 1;
          if (line > limits.maxLines) {
            failed += 1;
            await writeLine(res, {
              line,
              errors: { body: [`more than ${limits.maxLines} lines: stopped here`] },
            });
            break;
          }
          if (Buffer.byteLength(text) > limits.maxLineBytes) {
            failed += 1;
            await writeLine(res, { line, errors: tooLong });
            break;
          }
          if (!text.trim()) continue;
          const result = await importLine(authorId, text);
          if ('slug' in result) created += 1;
          else failed += 1;
          await writeLine(res, { line, ...result });
        }
      } catch (err) {
        // Headers are sent: what stopped the import becomes its last result line.
        failed += 1;
        // split2 overflows on a line still unfinished past maxLength.
        const overflow = /maximum buffer reached/.test((err as Error).message);
        const known = toAppError(err as Error);
        if (!overflow && !known) logger.error('import stopped', { error: err });
        await writeLine(res, {
          line: line + 1,
          errors: overflow
            ? tooLong
            : (known?.errors ?? { body: ['an unexpected error stopped the import here'] }),
        });
      }
      // Whatever is left unread is not ours to wait for.
      res.once('finish', () => req.destroy());
      res.end(`${JSON.stringify({ created, failed })}\n`);
    }),
  };
}
