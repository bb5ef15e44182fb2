/** Every domain event and its payload: the contract between publishers and subscribers. */
import type { Types } from 'mongoose';
import type { CommentView } from '../presenters/comment.presenter';
import type { MessageView } from '../presenters/message.presenter';
import type { NotificationView } from '../presenters/notification.presenter';

interface ArticleRef {
  articleId: string;
  slug: string;
  authorId: string;
}

/** What events say about an article. */
export const articleRef = (article: {
  _id: Types.ObjectId;
  slug: string;
  author: Types.ObjectId;
}): ArticleRef => ({
  articleId: article._id.toString(),
  slug: article.slug,
  authorId: article.author.toString(),
});

export interface DomainEvents {
  'user.registered': { userId: string; email: string };
  'user.followed': { followerId: string; followeeId: string };
  /** Every credential of the user was revoked (password change or reset, ban, logout everywhere). */
  'credentials.revoked': { userId: string };
  'article.created': ArticleRef;
  /** `previousSlug` differs from `slug` when a new title changed it. */
  'article.updated': ArticleRef & { previousSlug: string };
  'article.deleted': ArticleRef;
  'article.favorited': ArticleRef & { userId: string };
  'comment.added': ArticleRef & { comment: CommentView; commenterId: string };
  'comment.deleted': ArticleRef & { commentId: string };
  'notification.created': { recipientId: string; notification: NotificationView };
  'message.sent': { senderId: string; recipientId: string; message: MessageView };
  /** A socket of the recipient acknowledged the message. */
  'message.delivered': {
    senderId: string;
    recipientId: string;
    messageId: string;
    deliveredAt: string;
  };
}
