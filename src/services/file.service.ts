/**
 * Uploaded files: avatars (resized to squares by sharp, EXIF dropped) and article
 * attachments, image attachments getting a thumbnail from the worker (a job). Types are
 * decided from the bytes; images are decoded to prove they are images; sizes and each
 * user's quota are enforced while the bytes stream to storage.
 */
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { Types } from 'mongoose';
import { can, type Actor } from '../domain/permissions';
import type { JobQueue } from '../jobs/job-types';
import {
  ATTACHMENT_TYPES,
  IMAGE_TYPES,
  sanitizeFileName,
  SNIFF_BYTES,
  sniffType,
} from '../domain/file-types';
import type { EventBus } from '../events/event-bus';
import { changeUser, StoredFile, type FileDoc } from '../models';
import { articleBySlug } from '../queries/lookups';
import type { ByteRange, FileStorage } from '../storage';
import {
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../utils/errors';
import { isObjectIdString } from '../utils/mongo';
import { sha256 } from '../utils/secure-token';
import { ByteMeter, peek } from '../utils/streams';

/** Square sizes of an avatar, in pixels; the middle one is the user's `image`. */
const AVATAR_SIZES = [64, 256, 512] as const;
const PROFILE_SIZE = 256;
/** Thumbnails of image attachments fit in this box, in pixels. */
const THUMBNAIL_BOX = 320;
// About 7000 × 7000: enough for any photo, not a decompression bomb.
const MAX_INPUT_PIXELS = 50_000_000;

interface Deps {
  events: EventBus;
  storage: FileStorage;
  /** Thumbnails are made by a job, after the upload has been answered. */
  jobs: JobQueue;
  limits: { maxFileBytes: number; maxAvatarBytes: number; quotaBytes: number };
  /** Public base URL: file URLs are absolute, for clients on another origin. */
  appUrl: string;
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export function createFileService({ storage, jobs, events, limits, appUrl }: Deps) {
  const urlOf = (id: Types.ObjectId | string) => `${appUrl}/api/v1/files/${String(id)}`;
  const view = (file: Pick<FileDoc, '_id' | 'name' | 'size' | 'type' | 'thumbnail'>) => ({
    id: file._id.toString(),
    name: file.name,
    size: file.size,
    type: file.type,
    url: urlOf(file._id),
    thumbnailUrl: file.thumbnail ? urlOf(file.thumbnail) : null,
  });

  /** The first bytes decide the type; 415 unless it is one of `accepted`. */
  async function typed(source: Readable, accepted: string[]) {
    const { head, stream } = await peek(source, SNIFF_BYTES);
    const type = await sniffType(head);
    if (!type || !accepted.includes(type)) {
      stream.destroy();
      throw new UnsupportedMediaTypeError(
        `is ${type ?? 'of an unknown type'}; accepted: ${accepted.join(', ')}`,
        'file',
      );
    }
    return { type, stream };
  }

  /** Decodes a stored image whole: a file that only starts like an image is refused. */
  async function assertImage(id: string) {
    const decoder = sharp({ failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS });
    const reading = pipeline(storage.read(id), decoder);
    try {
      await Promise.all([reading, decoder.stats()]);
    } catch {
      throw new UnsupportedMediaTypeError('is not a readable image', 'file');
    }
  }

  async function attachmentBytesOf(ownerId: string): Promise<number> {
    const [total] = await StoredFile.aggregate<{ bytes: number }>([
      { $match: { owner: new Types.ObjectId(ownerId), kind: 'attachment' } },
      { $group: { _id: null, bytes: { $sum: '$size' } } },
    ]);
    return total?.bytes ?? 0;
  }

  /**
   * Removes files and their thumbnails. The files' documents go first: a thumbnail made
   * meanwhile is either found below, or finds its file gone and removes itself
   * (makeThumbnail). Bytes go last: no document ever points to missing bytes.
   */
  async function discard(files: Pick<FileDoc, '_id'>[]) {
    const ids = files.map((f) => f._id);
    if (ids.length === 0) return;
    await StoredFile.deleteMany({ _id: { $in: ids } });
    const thumbnails = await StoredFile.find({ kind: 'thumbnail', group: { $in: ids } })
      .select('_id')
      .lean();
    const thumbnailIds = thumbnails.map((t) => t._id);
    if (thumbnailIds.length > 0) await StoredFile.deleteMany({ _id: { $in: thumbnailIds } });
    await Promise.all([...ids, ...thumbnailIds].map((id) => storage.remove(id.toString())));
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

    /**
     * Makes square WebP versions of a picture (EXIF orientation applied, metadata dropped),
     * stores them, points the user's `image` at one, and removes the previous ones.
     */
    async replaceAvatar(userId: string, source: Readable, clientName: string) {
      const { stream } = await typed(source, IMAGE_TYPES);
      const meter = new ByteMeter(
        limits.maxAvatarBytes,
        () => new PayloadTooLargeError(`is larger than ${mb(limits.maxAvatarBytes)}`, 'image'),
      );
      // At most AVATAR_MAX_BYTES in memory: sharp decodes the whole picture anyway.
      const [, input] = await Promise.all([pipeline(stream, meter), buffer(meter)]);
      const group = new Types.ObjectId();
      const name = sanitizeFileName(clientName);
      let versions: { id: Types.ObjectId; width: number; bytes: Buffer }[];
      try {
        const image = sharp(input, {
          failOn: 'error',
          limitInputPixels: MAX_INPUT_PIXELS,
        }).rotate();
        versions = await Promise.all(
          AVATAR_SIZES.map(async (width) => ({
            id: new Types.ObjectId(),
            width,
            bytes: await image
              .clone()
              .resize(width, width, { fit: 'cover' })
              .webp({ quality: 82 })
              .toBuffer(),
          })),
        );
      } catch {
        throw new UnsupportedMediaTypeError('is not a readable image', 'image');
      }
      await Promise.all(
        versions.map((v) => storage.write(v.id.toString(), Readable.from([v.bytes]))),
      );
      const previous = await StoredFile.find({ owner: userId, kind: 'avatar' })
        .select('_id')
        .lean();
      await StoredFile.insertMany(
        versions.map((v) => ({
          _id: v.id,
          owner: userId,
          kind: 'avatar',
          group,
          width: v.width,
          name,
          type: 'image/webp',
          size: v.bytes.length,
          sha256: sha256(v.bytes),
        })),
      );
      const profile = versions.find((v) => v.width === PROFILE_SIZE)!;
      const user = await changeUser(userId, { $set: { image: urlOf(profile.id) } });
      if (user) {
        const { username } = user;
        await events.publish('user.updated', { userId, username, previousUsername: username });
      }
      await discard(previous);
      return {
        image: user?.image ?? urlOf(profile.id),
        sizes: versions.map((v) => ({ width: v.width, url: urlOf(v.id) })),
      };
    },

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

    /** A stored file's metadata, and how to read its bytes; 404 when unknown. */
    async open(fileId: string) {
      const file = isObjectIdString(fileId) ? await StoredFile.findById(fileId).lean() : null;
      if (!file) throw new NotFoundError('file');
      return { file, read: (range?: ByteRange) => storage.read(fileId, range) };
    },
  };
}

export type FileService = ReturnType<typeof createFileService>;
