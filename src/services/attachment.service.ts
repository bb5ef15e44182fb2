/**
 * Article attachments: streamed to storage with their type decided from their bytes,
 * images decoded to prove they are images, sizes and each user's quota enforced on the way;
 * image attachments get a thumbnail from the worker (a job).
 */
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Types } from 'mongoose';
import sharp from 'sharp';
import { ATTACHMENT_TYPES, IMAGE_TYPES, sanitizeFileName } from '../domain/file-types';
import { can, type Actor } from '../domain/permissions';
import type { JobQueue } from '../jobs/job-types';
import { StoredFile } from '../models';
import { articleBySlug } from '../queries/lookups';
import { ForbiddenError, NotFoundError, PayloadTooLargeError } from '../utils/errors';
import { isObjectIdString } from '../utils/mongo';
import { sha256 } from '../utils/secure-token';
import { ByteMeter } from '../utils/streams';
import { MAX_INPUT_PIXELS, mb, type StoredFiles } from './stored-files';

/** Thumbnails of image attachments fit in this box, in pixels. */
const THUMBNAIL_BOX = 320;

interface Deps {
  files: StoredFiles;
  /** Thumbnails are made by a job, after the upload has been answered. */
  jobs: JobQueue;
  limits: { maxFileBytes: number; quotaBytes: number };
}

export function createAttachmentService({ files, jobs, limits }: Deps) {
  const { storage, typed, assertImage, view, discard } = files;

  async function attachmentBytesOf(ownerId: string): Promise<number> {
    const [total] = await StoredFile.aggregate<{ bytes: number }>([
      { $match: { owner: new Types.ObjectId(ownerId), kind: 'attachment' } },
      { $group: { _id: null, bytes: { $sum: '$size' } } },
    ]);
    return total?.bytes ?? 0;
  }

  async function editableArticle(actor: Actor, slug: string) {
    const article = await articleBySlug(slug, 'author');
    if (article.author.toString() !== actor.id && !can(actor.role, 'articles:delete:any'))
      throw new ForbiddenError(
        'only the author may change the attachments of this article',
        'article',
      );
    return article;
  }

  return {
    /** The article whose attachments `actor` may change: checked before any byte is read. */
    async articleForUpload(actor: Actor, slug: string): Promise<string> {
      const article = await articleBySlug(slug, 'author');
      if (article.author.toString() !== actor.id)
        throw new ForbiddenError('only the author may attach files to this article', 'article');
      return article._id.toString();
    },

    /** Streams one attachment to storage; nothing is kept if any check fails. */
    async receiveAttachment(
      ownerId: string,
      articleId: string,
      source: Readable,
      clientName: string,
    ) {
      const id = new Types.ObjectId(); // made first: ids keep the files' order in the request
      const room = limits.quotaBytes - (await attachmentBytesOf(ownerId));
      const limit = Math.min(limits.maxFileBytes, room);
      const tooLarge = () =>
        limit === limits.maxFileBytes
          ? new PayloadTooLargeError(`is larger than ${mb(limits.maxFileBytes)}`, 'file')
          : new PayloadTooLargeError(
              `would exceed your ${mb(limits.quotaBytes)} of attachments (${mb(Math.max(room, 0))} left)`,
              'file',
              'QUOTA_EXCEEDED',
            );
      if (room <= 0) {
        source.resume();
        throw tooLarge();
      }
      const { type, stream } = await typed(source, ATTACHMENT_TYPES);
      const meter = new ByteMeter(limit, tooLarge);
      // Both settle before an error is reported: the partial file is gone by then.
      const outcomes = await Promise.allSettled([
        pipeline(stream, meter),
        storage.write(id.toString(), meter),
      ]);
      const failed = outcomes.find((o) => o.status === 'rejected');
      // The meter's own error (too large) says more than the aborts it caused upstream.
      if (failed) throw meter.errored ?? failed.reason;
      try {
        if (IMAGE_TYPES.includes(type)) await assertImage(id.toString());
        const file = await StoredFile.create({
          _id: id,
          owner: ownerId,
          kind: 'attachment',
          article: articleId,
          name: sanitizeFileName(clientName),
          type,
          size: meter.size,
          sha256: meter.sha256,
        });
        if (IMAGE_TYPES.includes(type))
          await jobs.enqueue('image.thumbnail', { fileId: id.toString() });
        return view(file);
      } catch (err) {
        await storage.remove(id.toString());
        throw err;
      }
    },

    /** Drops files of a request that failed after they were stored. */
    discard: (ids: string[]) => discard(ids.map((id) => ({ _id: new Types.ObjectId(id) }))),

    async listAttachments(slug: string) {
      const article = await articleBySlug(slug, '_id');
      const files = await StoredFile.find({ article: article._id }).sort({ _id: 1 }).lean();
      return files.map(view);
    },

    async removeAttachment(actor: Actor, slug: string, fileId: string) {
      const article = await editableArticle(actor, slug);
      const file = isObjectIdString(fileId)
        ? await StoredFile.findOne({ _id: fileId, article: article._id }).select('_id').lean()
        : null;
      if (!file) throw new NotFoundError('attachment');
      await discard([file]);
    },

    /**
     * The job: a WebP thumbnail of an image attachment, linked to it once stored. Done
     * already, or the attachment deleted meanwhile: nothing is left behind.
     */
    async makeThumbnail(fileId: string) {
      const file = await StoredFile.findById(fileId).lean();
      if (!file || file.kind !== 'attachment' || file.thumbnail || !IMAGE_TYPES.includes(file.type))
        return;
      const bytes = await sharp(await buffer(storage.read(fileId)), {
        failOn: 'error',
        limitInputPixels: MAX_INPUT_PIXELS,
      })
        .rotate()
        .resize(THUMBNAIL_BOX, THUMBNAIL_BOX, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      const thumbnailId = new Types.ObjectId();
      await storage.write(thumbnailId.toString(), Readable.from([bytes]));
      await StoredFile.create({
        _id: thumbnailId,
        owner: file.owner,
        kind: 'thumbnail',
        group: file._id,
        name: `thumbnail-${file.name}.webp`,
        type: 'image/webp',
        size: bytes.length,
        sha256: sha256(bytes),
      });
      const linked = await StoredFile.updateOne(
        { _id: file._id, thumbnail: null },
        { $set: { thumbnail: thumbnailId } },
      );
      if (linked.modifiedCount !== 1) await discard([{ _id: thumbnailId }]);
    },

    /** An article's files go with it. */
    async removeArticleFiles(articleId: string) {
      await discard(await StoredFile.find({ article: articleId }).select('_id').lean());
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
