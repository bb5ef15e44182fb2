/**
 * Files on local disk, under UPLOADS_DIR: `<dir>/<first 2 hex digits>/<id>`. A write goes
 * to `<dir>/.partial/` first and is renamed into place only when complete, so a reader
 * never sees half a file and a failed upload leaves nothing but a deleted temp file.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { assertStorageId, type ByteRange, type FileStorage } from './file-storage';

export function createDiskStorage(dir: string): FileStorage {
  const partialDir = path.join(dir, '.partial');
  const pathOf = (id: string) => path.join(dir, assertStorageId(id).slice(0, 2), id);

  return {
    driver: 'disk',

    async write(id, source) {
      const target = pathOf(id);
      const partial = path.join(partialDir, `${id}.${randomBytes(4).toString('hex')}`);
      await fs.promises.mkdir(partialDir, { recursive: true });
      try {
        await pipeline(source, fs.createWriteStream(partial, { flags: 'wx' }));
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await fs.promises.rename(partial, target);
      } catch (err) {
        await fs.promises.rm(partial, { force: true });
        throw err;
      }
    },

    read(id, range?: ByteRange) {
      return fs.createReadStream(pathOf(id), range && { start: range.start, end: range.end });
    },

    async remove(id) {
      await fs.promises.rm(pathOf(id), { force: true });
    },

    async list() {
      const found: string[] = [];
      const entries = await fs.promises
        .readdir(dir, { recursive: true, withFileTypes: true })
        .catch(() => []);
      for (const entry of entries) if (entry.isFile()) found.push(entry.name);
      return found;
    },
  };
}
