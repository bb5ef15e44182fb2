/** Uploaded files: where they are stored and how much each user may send. */
import path from 'node:path';
import Joi from 'joi';
import { fromRoot, oneOf, projectRoot, type EnvOf } from './variables';

const bytes = (min: number, fallback: number) => Joi.number().integer().min(min).default(fallback);
const MB = 1024 * 1024;

/** Never inside src/ or public/: uploads would be shipped or served as code. */
const outsideCode = (dir: string) => {
  const resolved = fromRoot(dir);
  for (const code of ['src', 'public']) {
    const forbidden = path.join(projectRoot, code);
    if (resolved === forbidden || resolved.startsWith(`${forbidden}${path.sep}`))
      throw new Error(`must not be inside ${code}/ (uploads would be served or shipped as code)`);
  }
  return dir;
};

export const uploadVariables = {
  STORAGE_DRIVER: oneOf('disk', 'gridfs').default('disk'),
  UPLOADS_DIR: Joi.string().default('data/uploads').custom(outsideCode),
  UPLOAD_MAX_FILE_BYTES: bytes(1024, 10 * MB),
  UPLOAD_MAX_FILES: Joi.number().integer().min(1).max(50).default(5),
  AVATAR_MAX_BYTES: bytes(1024, 5 * MB),
  UPLOAD_QUOTA_BYTES: bytes(1024, 100 * MB),
  IMPORT_MAX_LINES: Joi.number().integer().min(1).default(10_000),
  IMPORT_MAX_LINE_BYTES: bytes(1024, 128 * 1024),
};

export const uploadConfig = (env: EnvOf<typeof uploadVariables>) => ({
  /** disk (default) or gridfs (files in the database: instances need no shared disk). */
  driver: env.STORAGE_DRIVER,
  /** For the disk driver. */
  dir: fromRoot(env.UPLOADS_DIR),
  maxFileBytes: env.UPLOAD_MAX_FILE_BYTES,
  maxFiles: env.UPLOAD_MAX_FILES,
  maxAvatarBytes: env.AVATAR_MAX_BYTES,
  /** All of a user's attachments together. */
  quotaBytes: env.UPLOAD_QUOTA_BYTES,
  /** NDJSON article import: lines per request, bytes per line. */
  importMaxLines: env.IMPORT_MAX_LINES,
  importMaxLineBytes: env.IMPORT_MAX_LINE_BYTES,
});
