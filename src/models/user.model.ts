import { Schema, model, type InferSchemaType, type Types, type UpdateQuery } from 'mongoose';

export const ROLES = ['user', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const USER_STATUSES = ['active', 'banned'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

const userSchema = new Schema(
  {
    username: { type: String, required: true, trim: true, unique: true },
    // Stored lower-cased, so lookups by a lower-cased email are case-insensitive.
    email: { type: String, required: true, trim: true, lowercase: true, unique: true },
    // Never selected unless asked for (`.select('+passwordHash')`).
    passwordHash: { type: String, required: true, select: false },
    bio: { type: String, default: null },
    image: { type: String, default: null },
    role: { type: String, enum: ROLES, default: 'user' },
    status: { type: String, enum: USER_STATUSES, default: 'active' },
    emailVerified: { type: Boolean, default: false },
    // Bumped to revoke every access token issued before (password change, ban).
    tokenVersion: { type: Number, default: 0 },
    // OpenID Connect identities linked to this account, as "<issuer>|<subject>" (plain
    // strings: FerretDB v1 cannot $elemMatch on sub-documents).
    identities: { type: [String], default: [] },
  },
  { timestamps: true },
);

userSchema.index({ role: 1, status: 1, createdAt: -1 }); // the admin list's filters
userSchema.index({ identities: 1 });

export type UserAttrs = InferSchemaType<typeof userSchema>;

export const User = model('User', userSchema);

/**
 * Applies `update` to one user and returns the user as written (one command, no read-back).
 * '+passwordHash' sends no projection: FerretDB v1 cannot project in findAndModify.
 */
export function changeUser(id: string | Types.ObjectId, update: UpdateQuery<UserAttrs>) {
  return User.findOneAndUpdate({ _id: id }, update, { returnDocument: 'after' }).select(
    '+passwordHash',
  );
}
