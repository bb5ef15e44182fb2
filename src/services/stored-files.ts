/**
 * Stored files, whatever they are (avatars, attachments, thumbnails): their public URL and
 * view, the type decided from their first bytes, images proven by decoding them, removal
 * (documents first, bytes last), and opening one for download.
 */
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Types } from 'mongoose';
import sharp from 'sharp';
import { SNIFF_BYTES, sniffType } from '../domain/file-types';
import { StoredFile, type FileDoc } from '../models';
import type { ByteRange, FileStorage } from '../storage';
import { NotFoundError, UnsupportedMediaTypeError } from '../utils/errors';
import { isObjectIdString } from '../utils/mongo';
import { peek } from '../utils/streams';

// About 7000 × 7000: enough for any photo, not a decompression bomb.
export const MAX_INPUT_PIXELS = 50_000_000;

export const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

interface Deps {
  storage: FileStorage;
  /** Public base URL: file URLs are absolute, for clients on another origin. */
  /** The base of file URLs. */
  publicUrl: () => string;
}

export function createStoredFiles({ storage, publicUrl }: Deps) {
  const urlOf = (id: Types.ObjectId | string) => `${publicUrl()}/api/v1/files/${String(id)}`;
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

  return {
    storage,
    urlOf,
    view,
    typed,
    assertImage,
    discard,

    /** A stored file's metadata, and how to read its bytes; 404 when unknown. */
    async open(fileId: string) {
      const file = isObjectIdString(fileId) ? await StoredFile.findById(fileId).lean() : null;
      if (!file) throw new NotFoundError('file');
      return { file, read: (range?: ByteRange) => storage.read(fileId, range) };
    },
  };
}

export type StoredFiles = ReturnType<typeof createStoredFiles>;
