/**
 * Articles in bulk over HTTP: the CSV export and the NDJSON import, both streamed. The
 * work is the transfer service's; this reads and writes the streams, at the client's pace.
 */
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import split2 from 'split2';
import * as endpoints from '../endpoints/transfer.endpoints';
import { currentActor } from '../middleware/auth';
import {
  EXPORT_COLUMNS,
  tooLong,
  type ImportLimits,
  type TransferService,
} from '../services/transfer.service';
import { UnsupportedMediaTypeError } from '../utils/errors';
import { logger } from '../utils/logger';
import { toAppError } from '../utils/translate-error';
import { handle } from './handle';
import { sendStream } from './send-stream';

/** Writes one NDJSON line, waiting when the client reads slower than we write. */
async function writeLine(res: Response, value: object) {
  if (!res.write(`${JSON.stringify(value)}\n`)) await once(res, 'drain');
}

export function createTransferController(transfer: TransferService, limits: ImportLimits) {
  return {
    exportCsv: handle(endpoints.exportCsv, async ({ query }, _req, res) => {
      res.type('text/csv; charset=utf-8').attachment('articles.csv');
      await sendStream(
        res,
        Readable.from(transfer.rows(query)),
        stringify({ header: true, columns: [...EXPORT_COLUMNS] }),
      );
    }),

    importNdjson: handle(endpoints.importNdjson, async (_input, req, res) => {
      if (!req.is('application/x-ndjson'))
        throw new UnsupportedMediaTypeError('must be application/x-ndjson', 'content-type');
      const lines = split2({ maxLength: limits.maxLineBytes });
      // pipeline, not pipe: a client that hangs up mid-body ends the import with an error.
      pipeline(req, lines).catch(() => undefined);
      res.status(200).type('application/x-ndjson');
      const totals = { created: 0, failed: 0 };
      let line = 0;
      try {
        for await (const result of transfer.importArticles(currentActor(req).id, lines, limits)) {
          line = result.line;
          totals['slug' in result ? 'created' : 'failed'] += 1;
          await writeLine(res, result);
        }
      } catch (err) {
        // Headers are sent: what stopped the import becomes its last result line.
        totals.failed += 1;
        // split2 overflows on a line still unfinished past maxLength.
        const overflow = err instanceof Error && /maximum buffer reached/.test(err.message);
        const known = toAppError(err);
        if (!overflow && !known) logger.error('import stopped', { error: err });
        await writeLine(res, {
          line: line + 1,
          errors: overflow
            ? tooLong(limits)
            : (known?.errors ?? { body: ['an unexpected error stopped the import here'] }),
        });
      }
      // Whatever is left unread is not ours to wait for.
      res.once('finish', () => req.destroy());
      res.end(`${JSON.stringify(totals)}\n`);
    }),
  };
}
