import { Schema, model } from 'mongoose';

/**
 * One document per "follower follows followee". The unique index makes following
 * atomic and idempotent on every MongoDB-compatible database: a second insert fails
 * instead of adding a duplicate. (An array updated with $addToSet is not enough on
 * FerretDB v1, whose updates are read-modify-write and lose concurrent changes.)
 */
const followSchema = new Schema(
  {
    follower: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    followee: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

followSchema.index({ follower: 1, followee: 1 }, { unique: true });
followSchema.index({ followee: 1 });

export const Follow = model('Follow', followSchema);
