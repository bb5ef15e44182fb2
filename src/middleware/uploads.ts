/**
 * Multipart uploads with multer, streamed: a storage engine of ours hands each file's
 * stream to the file service, which checks and stores it on the fly — nothing is
 * buffered whole, whatever the size. multer removes what a failed request had stored.
 */
import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import type { AttachmentService } from '../services/attachment.service';
import type { AvatarService } from '../services/avatar.service';
import { UnsupportedMediaTypeError } from '../utils/errors';
import { currentActor } from './auth';

type Receive = (req: Request, file: Express.Multer.File) => Promise<Partial<Express.Multer.File>>;

class StreamingStorage implements multer.StorageEngine {
  constructor(
    private readonly receive: Receive,
    private readonly discard: (ids: string[]) => Promise<void>,
  ) {}

  _handleFile(
    req: Request,
    file: Express.Multer.File,
    done: (err?: unknown, info?: Partial<Express.Multer.File>) => void,
  ) {
    this.receive(req, file).then(
      (info) => done(null, info),
      (err: unknown) => done(err),
    );
  }

  _removeFile(_req: Request, file: Express.Multer.File, done: (err: Error | null) => void) {
    const ids = file.stored ? [file.stored.id] : [];
    this.discard(ids).then(
      () => done(null),
      (err: Error) => done(err),
    );
  }
}

interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxAvatarBytes: number;
}

/** Runs a multer middleware (callback style) as a promise. */
const run = (middleware: RequestHandler, req: Request, res: Response) =>
  new Promise<void>((resolve, reject) =>
    middleware(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
  );

export function createUploads(
  { attachments: files, avatars }: { attachments: AttachmentService; avatars: AvatarService },
  limits: UploadLimits,
) {
  // The article each attachment request writes to, checked before its body is read.
  const articleOf = new WeakMap<Request, string>();

  const requireMultipart = (req: Request) => {
    if (!req.is('multipart/form-data'))
      throw new UnsupportedMediaTypeError('must be multipart/form-data', 'content-type');
  };

  // One byte over the limit reaches our check first, so its 413 is the one answered.
  const attachments = multer({
    storage: new StreamingStorage(async (req, file) => {
      const stored = await files.receiveAttachment(
        currentActor(req).id,
        articleOf.get(req)!,
        file.stream,
        file.originalname,
      );
      return { stored, size: stored.size };
    }, files.discard),
    defParamCharset: 'utf8', // browsers send UTF-8 file names
    limits: {
      fileSize: limits.maxFileBytes + 1,
      files: limits.maxFiles,
      fields: 0,
      parts: limits.maxFiles,
    },
  }).array('files', limits.maxFiles);

  const avatar = multer({
    storage: new StreamingStorage(
      async (req, file) => {
        await avatars.replaceAvatar(currentActor(req).id, file.stream, file.originalname);
        return {};
      },
      async () => undefined,
    ),
    defParamCharset: 'utf8',
    limits: { fileSize: limits.maxAvatarBytes + 1, files: 1, fields: 0, parts: 1 },
  }).single('image');

  return {
    /**
     * Receives `files` (several) for the article `slug`, which its author may change —
     * checked before a byte of the body is read. Resolves with what was stored.
     */
    async attachments(req: Request, res: Response, slug: string) {
      requireMultipart(req);
      articleOf.set(req, await files.articleForUpload(currentActor(req), slug));
      await run(attachments, req, res);
      return (Array.isArray(req.files) ? req.files : []).flatMap((f) =>
        f.stored ? [f.stored] : [],
      );
    },

    /** Receives one picture, `image`, for the signed-in user; false when none came. */
    async avatar(req: Request, res: Response) {
      requireMultipart(req);
      await run(avatar, req, res);
      return req.file !== undefined;
    },
  };
}

export type Uploads = ReturnType<typeof createUploads>;
