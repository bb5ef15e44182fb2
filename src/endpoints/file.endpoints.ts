import Joi from 'joi';
import { bySlug, slugParam } from './common';
import { endpoint } from './endpoint';

const fileId = Joi.string().max(100).required();

export const download = endpoint({
  summary: 'Download a file (avatar, attachment): Range, ETag and Last-Modified supported',
  tag: 'Files',
  params: Joi.object<{ id: string }>({ id: fileId }),
  success: {
    status: 200,
    mediaType: '*/*',
    description:
      'The file, with Content-Type (from its bytes), Content-Length, ETag, Last-Modified, Accept-Ranges and X-Content-Type-Options: nosniff',
  },
  alsoAnswers: [
    { status: 206, mediaType: '*/*', description: 'The requested range, with Content-Range' },
    { status: 304 },
  ],
  errors: [404, 416],
});

export const updateImage = endpoint({
  summary: 'Upload my profile picture: resized to squares (EXIF dropped); `image` becomes its URL',
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
  tag: 'Attachments',
  params: bySlug,
  success: { status: 200, schema: 'AttachmentsResponse' },
  errors: [404],
});

export const removeAttachment = endpoint({
  summary: 'Delete an attachment (the article’s author or a moderator)',
  tag: 'Attachments',
  params: Joi.object<{ slug: string; id: string }>({ slug: slugParam, id: fileId }),
  success: { status: 204 },
  errors: [403, 404],
});
