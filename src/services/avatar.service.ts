/**
 * Profile pictures: square WebP versions made by sharp (EXIF orientation applied, metadata
 * dropped), the user's `image` pointed at one, the previous ones removed.
 */
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Types } from 'mongoose';
import sharp from 'sharp';
import { IMAGE_TYPES, sanitizeFileName } from '../domain/file-types';
import type { EventBus } from '../events/event-bus';
import { changeUser, StoredFile } from '../models';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../utils/errors';
import { sha256 } from '../utils/secure-token';
import { ByteMeter } from '../utils/streams';
import { MAX_INPUT_PIXELS, mb, type StoredFiles } from './stored-files';

/** Square sizes of an avatar, in pixels; the middle one is the user's `image`. */
const AVATAR_SIZES = [64, 256, 512] as const;
const PROFILE_SIZE = 256;

interface Deps {
  files: StoredFiles;
  events: EventBus;
  limits: { maxAvatarBytes: number };
}

export function createAvatarService({ files, events, limits }: Deps) {
  const { storage, typed, urlOf, discard } = files;
  return {
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
  };
}

export type AvatarService = ReturnType<typeof createAvatarService>;
