import { Schema, model } from 'mongoose';

/**
 * A refresh token, stored only as its SHA-256 hash. Tokens rotated from one login share a
 * `family`; reusing a revoked one revokes the family. `parent` is unique: of two
 * concurrent rotations of the same token only one can insert its successor (no
 * transactions needed — FerretDB v1 has none).
 */
const refreshTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    family: { type: String, required: true },
    // The hash of the token this one replaced, or "root:<own hash>" for a fresh login.
    parent: { type: String, required: true, unique: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

// TTL: MongoDB deletes expired tokens itself. FerretDB v1 has no TTL indexes: there it is
// a plain index (src/db/indexes.ts) and the server's periodic sweep deletes them.
refreshTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
refreshTokenSchema.index({ user: 1 });
refreshTokenSchema.index({ family: 1 });

export const RefreshToken = model('RefreshToken', refreshTokenSchema);
