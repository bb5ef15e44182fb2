import { Schema, model } from 'mongoose';

const commentSchema = new Schema(
  {
    body: { type: String, required: true },
    author: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    article: { type: Schema.Types.ObjectId, ref: 'Article', required: true },
  },
  { timestamps: true },
);

commentSchema.index({ article: 1, createdAt: 1 });

export const Comment = model('Comment', commentSchema);
