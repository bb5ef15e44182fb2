/** Files for upload tests, made on the spot: real images (sharp), fakes, big blobs. */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

export const png = (width = 40, height = 30) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .png()
    .toBuffer();

/** A JPEG that says (in its EXIF) it must be rotated, and carries a GPS-like secret. */
export const jpegWithExif = () =>
  sharp({ create: { width: 60, height: 40, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Copyright: 'secret-location-42' } })
    .toBuffer();

/** A Windows executable's first bytes: what `setup.exe` renamed `cat.png` starts with. */
export const exe = () =>
  Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), randomBytes(2000)]);

/** Starts like a PNG, then garbage: only decoding shows it is not an image. */
export const brokenPng = () =>
  Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(3000)]);

/** A "PDF" of `bytes` bytes: the signature file-type knows, then random bytes. */
export const pdf = (bytes: number) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(Math.max(0, bytes - 9))]);
