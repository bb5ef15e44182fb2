/**
 * The side effects of domain events, subscribed in one place: a new side effect is a new
 * line here, never an edit to the service that raised the event.
 */
import type { Services } from '../services';
import type { EventBus } from './event-bus';

export function subscribeSideEffects(events: EventBus, services: Services): void {
  // Sign-up answers at once; the verification email follows.
  events.subscribe('user.registered', ({ userId }) =>
    services.accounts.sendVerificationEmail(userId),
  );
  // An article's attachments go with it.
  events.subscribe('article.deleted', ({ articleId }) =>
    services.files.removeArticleFiles(articleId),
  );
}
