/** Files: downloads with Range and caching, avatar and attachment uploads. */
import * as endpoints from '../endpoints/file.endpoints';
import { currentActor } from '../middleware/auth';
import type { Uploads } from '../middleware/uploads';
import type { AttachmentService } from '../services/attachment.service';
import type { StoredFiles } from '../services/stored-files';
import type { UserService } from '../services/user.service';
import {
  BadRequestError,
  PreconditionFailedError,
  RangeNotSatisfiableError,
} from '../utils/errors';
import { evaluateDownload } from './download';
import { handle } from './handle';
import { sendStream } from './send-stream';

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
      const validators = { etag: `"${file.sha256}"`, lastModified: file.createdAt };
      res.set({
        ETag: validators.etag,
        'Last-Modified': validators.lastModified.toUTCString(),
        // A file never changes: a new upload gets a new id.
        'Cache-Control': 'public, max-age=31536000, immutable',
        // Avatars and attachments are shown by front ends on other origins.
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
      const outcome = evaluateDownload(req, validators, file.size);
      if (outcome.status === 412) throw new PreconditionFailedError();
      if (outcome.status === 416) {
        res.set('Content-Range', `bytes */${file.size}`);
        throw new RangeNotSatisfiableError(file.size);
      }
      // A 304 carries the validators and caching headers, no content headers (15.4.5).
      if (outcome.status === 304) return void res.status(304).end();
      const range = outcome.status === 206 ? outcome.range : undefined;
      if (file.kind === 'attachment') res.attachment(file.name); // a safe Content-Disposition
      res.set({
        'Content-Type': file.type,
        'Content-Length': String(range ? range.end - range.start + 1 : file.size),
        'Accept-Ranges': 'bytes',
        'X-Content-Type-Options': 'nosniff',
      });
      if (range)
        res.status(206).set('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
      if (req.method === 'HEAD') return void res.end();
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
