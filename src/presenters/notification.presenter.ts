import type { Types } from 'mongoose';
import type { NotificationType } from '../models';
import type { ProfileFields } from './profile.presenter';

export interface NotificationView {
  id: string;
  type: NotificationType;
  read: boolean;
  createdAt: string;
  /** Who did it. */
  actor: { username: string; bio: string | null; image: string | null };
  /** The article concerned (favorite, comment), if it still exists. */
  article: { slug: string; title: string } | null;
  comment: { id: string; body: string } | null;
}

/** One notification of the inbox, and of the live `notification` event: the same object. */
export function toNotificationView(
  notification: { _id: Types.ObjectId; type: NotificationType; read: boolean; createdAt: Date },
  actor: Pick<ProfileFields, 'username' | 'bio' | 'image'>,
  article: { slug: string; title: string } | null,
  comment: { _id: Types.ObjectId; body: string } | null,
): NotificationView {
  return {
    id: notification._id.toString(),
    type: notification.type,
    read: notification.read,
    createdAt: notification.createdAt.toISOString(),
    actor: { username: actor.username, bio: actor.bio ?? null, image: actor.image ?? null },
    article: article && { slug: article.slug, title: article.title },
    comment: comment && { id: comment._id.toString(), body: comment.body },
  };
}
