import type { Types } from 'mongoose';
import type { ProfileView } from './profile.presenter';

export function toCommentView(
  comment: { _id: Types.ObjectId; body: string; createdAt: Date; updatedAt: Date },
  author: ProfileView,
) {
  return {
    id: comment._id.toString(),
    createdAt: comment.createdAt.toISOString(),
    updatedAt: comment.updatedAt.toISOString(),
    body: comment.body,
    author,
  };
}

export type CommentView = ReturnType<typeof toCommentView>;
