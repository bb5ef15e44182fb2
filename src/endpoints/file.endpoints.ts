import Joi from 'joi';
import { ATTACHMENT_TYPES } from '../domain/file-types';
import { bySlug, slugParam } from './common';
import { endpoint } from './endpoint';

const fileId = Joi.string().max(100).required();

export const download = endpoint({
  summary: 'Download a file (avatar, attachment, thumbnail)',
  description:
    "Files never change (a new upload gets a new id), so clients and proxies may keep them for a year. Conditional and range requests follow RFC 9110: If-Match and If-Unmodified-Since (412), If-None-Match and If-Modified-Since (304), then Range with If-Range (206, 416). Streamed from storage with backpressure: memory stays flat whatever the file's size.",
  tag: 'Files',
  params: Joi.object<{ id: string }>({ id: fileId }),
  success: {
    status: 200,
    mediaType: ATTACHMENT_TYPES,
    description:
      'The file, in the type decided from its bytes, with Content-Length, ETag (its SHA-256), Last-Modified, Accept-Ranges: bytes and X-Content-Type-Options: nosniff; attachments also with Content-Disposition: attachment',
  },
  alsoAnswers: [
    {
      status: 206,
      mediaType: ATTACHMENT_TYPES,
      description: 'The one byte range asked for (GET only), with Content-Range',
    },
    { status: 304 },
  ],
  errors: [404, 412, 416],
});

export const updateImage = endpoint({
  summary: 'Upload my profile picture: resized to squares (EXIF dropped); `image` becomes its URL',
  description:
    "Send a multipart field `image`. The picture is decoded (a file that only looks like an image is refused), stripped of EXIF, and stored as square WebP sizes; the previous picture's files are removed. Streamed: nothing is held whole in memory.",
  tag: 'Users',
  upload: {
    field: 'image',
    multiple: false,
    description: 'A PNG, JPEG, GIF or WebP picture, up to AVATAR_MAX_BYTES (5 MB by default)',
  },
  success: { status: 200, schema: 'UserResponse' },
});

export const addAttachments = endpoint({
  summary: 'Attach files to an article (its author only)',
  description:
    "Send multipart fields `files`. Each file's type is decided from its bytes; sizes and your quota are enforced while the bytes arrive, and nothing is kept of a request that fails. Images get a thumbnail, made by a job after this answers.",
  tag: 'Attachments',
  params: bySlug,
  upload: {
    field: 'files',
    multiple: true,
    description:
      'Up to UPLOAD_MAX_FILES files (5) of UPLOAD_MAX_FILE_BYTES (10 MB) each, within your UPLOAD_QUOTA_BYTES (100 MB): images, PDF or plain text, decided from their bytes',
  },
  success: { status: 201, schema: 'AttachmentsResponse' },
  errors: [403, 404],
});

export const listAttachments = endpoint({
  summary: "An article's attachments",
  description:
    'Each attachment with its URL, type, size and thumbnail URL (null until the job has made it), in upload order.',
  tag: 'Attachments',
  params: bySlug,
  success: { status: 200, schema: 'AttachmentsResponse' },
  errors: [404],
});

export const removeAttachment = endpoint({
  summary: 'Delete an attachment (the article’s author or a moderator)',
  description: 'Deletes the file and its thumbnail from storage.',
  tag: 'Attachments',
  params: Joi.object<{ slug: string; id: string }>({ slug: slugParam, id: fileId }),
  success: { status: 204 },
  errors: [403, 404],
});
