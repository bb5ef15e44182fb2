import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const FILE_KINDS = ['avatar', 'attachment', 'thumbnail'] as const;

/**
 * A stored file's metadata; its bytes live in the storage driver (disk or GridFS) under
 * this document's id. The client's file name is kept only as sanitized text, never used
 * as a path.
 */
const fileSchema = new Schema(
  {
    owner: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    kind: { type: String, enum: FILE_KINDS, required: true },
    /** For attachments. */
    article: { type: Schema.Types.ObjectId, ref: 'Article', default: null },
    /** For an image attachment: its thumbnail, once the worker has made it. */
    thumbnail: { type: Schema.Types.ObjectId, default: null },
    /**
     * For avatars: the sizes of one picture share a group; `width` tells them apart.
     * For a thumbnail: the attachment it shows.
     */
    group: { type: Schema.Types.ObjectId, default: null },
    width: { type: Number, default: null },
    name: { type: String, required: true },
    /** Decided from the bytes, never from the name or the client's Content-Type. */
    type: { type: String, required: true },
    size: { type: Number, required: true },
    /** Hex SHA-256 of the bytes: the ETag. */
    sha256: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

fileSchema.index({ article: 1, createdAt: 1 });
fileSchema.index({ owner: 1, kind: 1 });
fileSchema.index({ group: 1 });

export type FileDoc = InferSchemaType<typeof fileSchema> & { _id: Types.ObjectId; createdAt: Date };

export const StoredFile = model('File', fileSchema);
