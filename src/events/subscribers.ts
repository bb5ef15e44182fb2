/**
 * The side effects of domain events, subscribed in one place: a new side effect is a new
 * line here, never an edit to the service that raised the event. (Real-time pushes
 * subscribe in src/realtime/pushes.ts, which exists only beside an HTTP server.)
 */
import type { Services } from '../services';
import type { EventBus } from './event-bus';

export function subscribeSideEffects(events: EventBus, services: Services): void {
  const { accounts, attachments, notifications } = services;
  // Sign-up answers at once; the verification email follows, as a job.
  events.subscribe('user.registered', ({ userId }) => accounts.requestVerificationEmail(userId));
  // An article's attachments go with it.
  events.subscribe('article.deleted', ({ articleId }) => attachments.removeArticleFiles(articleId));

  // The inbox: a new follower, a favorite or a comment on your article (never your own act).
  events.subscribe('user.followed', ({ followerId, followeeId }) =>
    notifications.notify({ type: 'follow', actorId: followerId, recipientId: followeeId }),
  );
  events.subscribe('article.favorited', ({ userId, authorId, articleId, slug }) =>
    notifications.notify({
      type: 'favorite',
      actorId: userId,
      recipientId: authorId,
      article: { id: articleId, slug },
    }),
  );
  events.subscribe('comment.added', ({ commenterId, authorId, articleId, slug, comment }) =>
    notifications.notify({
      type: 'comment',
      actorId: commenterId,
      recipientId: authorId,
      article: { id: articleId, slug },
      comment: { id: comment.id, body: comment.body },
    }),
  );
}
