import { Schema, model, type Types } from 'mongoose';

const commentSchema = new Schema(
  {
    body: { type: String, required: true },
    author: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    article: { type: Schema.Types.ObjectId, ref: 'Article', required: true },
  },
  { timestamps: true },
);

commentSchema.index({ article: 1, createdAt: 1 });

export interface CommentDoc {
  _id: Types.ObjectId;
  body: string;
  author: Types.ObjectId;
  article: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export const Comment = model('Comment', commentSchema);
