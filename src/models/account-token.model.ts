import { Schema, model } from 'mongoose';

const ACCOUNT_TOKEN_PURPOSES = ['verify-email', 'reset-password'] as const;

/**
 * A single-use, expiring token sent by email, stored only as its SHA-256 hash. Using it
 * deletes it, so a second use finds nothing.
 */
const accountTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    purpose: { type: String, enum: ACCOUNT_TOKEN_PURPOSES, required: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

accountTokenSchema.index({ user: 1, purpose: 1 });
accountTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 }); // TTL, as refresh tokens

export const AccountToken = model('AccountToken', accountTokenSchema);
