/**
 * What a download answers, by RFC 9110's rules for conditional and range requests, with
 * the libraries Express itself uses for static files: fresh (If-None-Match,
 * If-Modified-Since) and range-parser (Range). The order is the RFC's (13.2.2): If-Match,
 * else If-Unmodified-Since (412 when false); If-None-Match, else If-Modified-Since (304);
 * then If-Range and Range, for GET only (206, or 416 when no range overlaps the file).
 */
import type { Request } from 'express';
import fresh from 'fresh';
import parseRange from 'range-parser';

/** The file's validators: a strong ETag (its SHA-256, quoted) and when it was stored. */
export interface Validators {
  etag: string;
  lastModified: Date;
}

export type Outcome =
  { status: 200 | 304 | 412 | 416 } | { status: 206; range: { start: number; end: number } };

/** Entity tags of a list header, with whether each is weak (commas may sit inside quotes). */
const entityTags = (header: string) =>
  [...header.matchAll(/(W\/)?("[^"]*")/g)].map(([, weak, tag]) => ({ weak: !!weak, tag }));

/** An HTTP date at the second (what Last-Modified can say), or undefined if it is not one. */
const httpDate = (value: string | undefined) => {
  const ms = Date.parse(value ?? '');
  return Number.isNaN(ms) ? undefined : ms;
};
const seconds = (date: Date) => Math.floor(date.getTime() / 1000) * 1000;

/** If-Match (strong comparison, 13.1.1), else If-Unmodified-Since (13.1.4). */
function preconditionsHold(req: Request, { etag, lastModified }: Validators): boolean {
  const ifMatch = req.get('If-Match');
  if (ifMatch !== undefined) {
    return ifMatch.trim() === '*' || entityTags(ifMatch).some((t) => !t.weak && t.tag === etag);
  }
  const since = httpDate(req.get('If-Unmodified-Since'));
  return since === undefined || seconds(lastModified) <= since;
}

/**
 * If-None-Match (weak comparison), else If-Modified-Since: fresh decides. It is given
 * the two conditions alone: with the request's `Cache-Control: no-cache` (Postman sends
 * it) fresh would always say stale, but that directive is for caches on the way; the
 * origin answers the condition (RFC 9111, 5.2.1.4).
 */
const notModified = (req: Request, { etag, lastModified }: Validators) =>
  fresh(
    {
      'if-none-match': req.get('If-None-Match'),
      'if-modified-since': req.get('If-Modified-Since'),
    },
    { etag, 'last-modified': lastModified.toUTCString() },
  );

/** If-Range (13.1.5): a strong ETag equal to ours, or exactly our Last-Modified. */
function rangeStillValid(ifRange: string | undefined, { etag, lastModified }: Validators) {
  if (ifRange === undefined) return true;
  const [tag] = entityTags(ifRange);
  if (tag) return !tag.weak && tag.tag === etag;
  return httpDate(ifRange) === seconds(lastModified);
}

export function evaluateDownload(req: Request, validators: Validators, size: number): Outcome {
  if (!preconditionsHold(req, validators)) return { status: 412 };
  if (notModified(req, validators)) return { status: 304 };
  const header = req.get('Range');
  // Range is defined for GET only (14.2), in bytes only: anything else is ignored.
  if (req.method !== 'GET' || header === undefined || !/^\s*bytes\s*=/i.test(header))
    return { status: 200 };
  if (!rangeStillValid(req.get('If-Range'), validators)) return { status: 200 };
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) return { status: 416 };
  // One range is served; several (no multipart here), or a malformed header: the whole file.
  if (ranges === -2 || ranges.length !== 1) return { status: 200 };
  const [{ start, end }] = ranges;
  return { status: 206, range: { start, end } };
}
