import type { Config } from '../config';
import { createDiskStorage } from './disk-storage';
import type { FileStorage } from './file-storage';
import { createGridFsStorage } from './gridfs-storage';

export type { ByteRange, FileStorage } from './file-storage';

/** The storage driver config names: disk (under UPLOADS_DIR) or GridFS. */
export function createStorage(settings: Pick<Config['uploads'], 'driver' | 'dir'>): FileStorage {
  return settings.driver === 'gridfs' ? createGridFsStorage() : createDiskStorage(settings.dir);
}
