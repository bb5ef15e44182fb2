/** Every domain event and its payload: the contract between publishers and subscribers. */
import type { CachedArticle } from '../cache/keys';
import type { CommentView } from '../presenters/comment.presenter';
import type { MessageView } from '../presenters/message.presenter';
import type { NotificationView } from '../presenters/notification.presenter';

interface ArticleRef {
  articleId: string;
  slug: string;
  authorId: string;
}

/** What events say about an article (a cached article has these fields). */
export const articleRef = (article: {
  id: string;
  slug: string;
  authorId: string;
}): ArticleRef => ({
  articleId: article.id,
  slug: article.slug,
  authorId: article.authorId,
});

export interface DomainEvents {
  'user.registered': { userId: string; email: string };
  'user.followed': { followerId: string; followeeId: string };
  'user.unfollowed': { followerId: string; followeeId: string };
  /** Profile fields changed (username, bio, image); the two names differ after a rename. */
  'user.updated': { userId: string; username: string; previousUsername: string };
  /** Every credential of the user was revoked (password change or reset, ban, logout everywhere). */
  'credentials.revoked': { userId: string };
  /** The user's role or status changed (an admin's doing). */
  'user.access-changed': { userId: string };
  'article.created': ArticleRef & { article: CachedArticle };
  /** `previousSlug` differs from `slug` when a new title changed it; `before`: as it was. */
  'article.updated': ArticleRef & {
    previousSlug: string;
    article: CachedArticle;
    before: CachedArticle;
  };
  'article.deleted': ArticleRef & { article: CachedArticle };
  'article.favorited': ArticleRef & { userId: string };
  'article.unfavorited': ArticleRef & { userId: string };
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
