import { Schema, model } from 'mongoose';

/**
 * One document per "user favorited article"; an article's favoritesCount is the number
 * of these. The unique index keeps that count exact under concurrent requests, which a
 * counter updated with $inc does not on FerretDB v1 (it loses concurrent updates).
 */
const favoriteSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    article: { type: Schema.Types.ObjectId, ref: 'Article', required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

favoriteSchema.index({ user: 1, article: 1 }, { unique: true });
favoriteSchema.index({ article: 1 });

export const Favorite = model('Favorite', favoriteSchema);
