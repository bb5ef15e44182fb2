/** Files: downloads with Range and caching, avatar and attachment uploads. */
import type { Request } from 'express';
import * as endpoints from '../endpoints/file.endpoints';
import { currentActor } from '../middleware/auth';
import type { Uploads } from '../middleware/uploads';
import type { AttachmentService } from '../services/attachment.service';
import type { StoredFiles } from '../services/stored-files';
import type { UserService } from '../services/user.service';
import { AppError, BadRequestError } from '../utils/errors';
import { handle } from './handle';
import { sendStream } from './send-stream';

/**
 * Whether the client's copy is current (RFC 9110, 13.1): If-None-Match against the ETag,
 * else If-Modified-Since against Last-Modified. Not Express's `req.fresh`, which calls a
 * request with `Cache-Control: no-cache` (Postman sends it) stale: that directive is for
 * caches on the way, and the origin answers the condition.
 */
function notModified(req: Request, sha256: string, modified: Date): boolean {
  const ifNoneMatch = req.get('If-None-Match');
  if (ifNoneMatch !== undefined) {
    const tags = ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(`"${sha256}"`);
  }
  const since = Date.parse(req.get('If-Modified-Since') ?? '');
  return !Number.isNaN(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since;
}

export function createFileController(
  {
    files,
    attachments,
    users,
  }: { files: StoredFiles; attachments: AttachmentService; users: UserService },
  uploads: Uploads,
) {
  return {
    download: handle(endpoints.download, async ({ params }, req, res) => {
      const { file, read } = await files.open(params.id);
      const ranges = req.range(file.size, { combine: true });
      if (ranges === -1) {
        res.set('Content-Range', `bytes */${file.size}`);
        throw new AppError(416, 'RANGE_NOT_SATISFIABLE', {
          range: [`is outside the ${file.size} bytes of the file`],
        });
      }
      // One range is served; several, or a malformed header, get the whole file.
      const range = Array.isArray(ranges) && ranges.length === 1 ? ranges[0] : undefined;
      if (file.kind === 'attachment') res.attachment(file.name); // a safe Content-Disposition
      res.set({
        'Content-Type': file.type,
        ETag: `"${file.sha256}"`,
        'Last-Modified': file.createdAt.toUTCString(),
        'Accept-Ranges': 'bytes',
        'X-Content-Type-Options': 'nosniff',
        // A file never changes: a new upload gets a new id.
        'Cache-Control': 'public, max-age=31536000, immutable',
        // Avatars and attachments are shown by front ends on other origins.
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
      if (notModified(req, file.sha256, file.createdAt)) {
        res.status(304).end();
        return;
      }
      if (range) {
        res.status(206).set('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
      }
      res.set('Content-Length', String(range ? range.end - range.start + 1 : file.size));
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      await sendStream(res, read(range));
    }),

    updateImage: handle(endpoints.updateImage, async (_input, req, res) => {
      if (!(await uploads.avatar(req, res)))
        throw new BadRequestError('is required: a multipart file field named image', 'image');
      res.json({ user: await users.current(currentActor(req).id) });
    }),

    addAttachments: handle(endpoints.addAttachments, async ({ params }, req, res) => {
      const stored = await uploads.attachments(req, res, params.slug);
      if (stored.length === 0)
        throw new BadRequestError('are required: multipart file fields named files', 'files');
      res.status(201).json({ attachments: stored });
    }),

    listAttachments: handle(endpoints.listAttachments, async ({ params }, _req, res) => {
      res.json({ attachments: await attachments.listAttachments(params.slug) });
    }),

    removeAttachment: handle(endpoints.removeAttachment, async ({ params }, req, res) => {
      await attachments.removeAttachment(currentActor(req), params.slug, params.id);
      res.status(204).end();
    }),
  };
}
