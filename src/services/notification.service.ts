/**
 * The inbox: what other users did that concerns you (a follow, a favorite or a comment on
 * your article). Subscribers of domain events create notifications; each new one is also
 * published as `notification.created`, which the real-time gateway pushes to the recipient.
 */
import type { Types } from 'mongoose';
import type { EventBus } from '../events/event-bus';
import { Notification, type NotificationType } from '../models';
import { toNotificationView } from '../presenters/notification.presenter';
import type { ProfileFields } from '../presenters/profile.presenter';
import { PROFILE_FIELDS } from '../presenters/profile.presenter';
import { findPage, type Page } from '../queries/page';
import type { Reads } from '../queries/reads';
import { NotFoundError } from '../utils/errors';
import { groupCommit } from '../utils/group-commit';
import { isObjectIdString } from '../utils/mongo';

interface NewNotification {
  recipientId: string;
  actorId: string;
  type: NotificationType;
  /** What the events already say: the view is built from it, not read back. */
  article?: { id: string; slug: string };
  comment?: { id: string; body: string };
}

interface Populated {
  _id: Types.ObjectId;
  type: NotificationType;
  read: boolean;
  createdAt: Date;
  actor: ProfileFields | null;
  article: { slug: string; title: string } | null;
  comment: { _id: Types.ObjectId; body: string } | null;
}

type NotificationQuery = ReturnType<typeof Notification.find>;
type NotificationDoc = InstanceType<typeof Notification>;

/** Loads who did it and what it concerns; an article or comment deleted since reads null. */
const populated = (query: NotificationQuery) =>
  query
    .populate('actor', PROFILE_FIELDS)
    .populate('article', 'slug title')
    .populate('comment', 'body')
    .lean<Populated[]>();

/** A notification whose actor was deleted is left out: there is no one to show. */
const toViews = (docs: Populated[]) =>
  docs.flatMap((n) => (n.actor ? [toNotificationView(n, n.actor, n.article, n.comment)] : []));

export function createNotificationService({ events, reads }: { events: EventBus; reads: Reads }) {
  const unreadCount = (userId: string) =>
    Notification.countDocuments({ recipient: userId, read: false });
  // A favorite or comment answers before its notification is written; under load, the
  // notifications of many go to the database in one insert.
  const insert = groupCommit((docs: NotificationDoc[]) => Notification.insertMany(docs));

  return {
    /**
     * Never for your own actions: favoriting your own article notifies no one. The view is
     * built from the event and the cache (actor, article title), not read back.
     */
    async notify(n: NewNotification): Promise<void> {
      if (n.recipientId === n.actorId) return;
      const created = await insert(
        new Notification({
          recipient: n.recipientId,
          actor: n.actorId,
          type: n.type,
          article: n.article?.id ?? null,
          comment: n.comment?.id ?? null,
        }),
      );
      const [profiles, article] = await Promise.all([
        reads.profiles([n.actorId]),
        n.article ? reads.article(n.article.slug).catch(() => null) : null,
      ]);
      const actor = profiles.get(n.actorId);
      if (!actor) return;
      const comment = n.comment &&
        created.comment && { _id: created.comment, body: n.comment.body };
      const notification = toNotificationView(created, actor, article, comment ?? null);
      events.publish('notification.created', { recipientId: n.recipientId, notification });
    },

    /** A page of the inbox, newest first, with the count of all and of unread ones. */
    async list(userId: string, page: Page, filter: { unread?: boolean }) {
      const query = filter.unread ? { recipient: userId, read: false } : { recipient: userId };
      const [{ items, total }, unread] = await Promise.all([
        findPage(Notification, query, page, (q) => populated(q.sort({ createdAt: -1, _id: -1 }))),
        unreadCount(userId),
      ]);
      return { notifications: toViews(items), notificationsCount: total, unreadCount: unread };
    },

    /** Partial update of one of your notifications; another user's is "not found". */
    async update(userId: string, id: string, changes: { read?: boolean }) {
      const found = isObjectIdString(id)
        ? await Notification.findOne({ _id: id, recipient: userId })
        : null;
      if (!found) throw new NotFoundError('notification');
      if (changes.read !== undefined && found.read !== changes.read) {
        found.read = changes.read;
        await found.save();
      }
      const [notification] = toViews(await populated(Notification.find({ _id: found._id })));
      if (!notification) throw new NotFoundError('notification');
      return notification;
    },

    /** Marks every notification read; answers how many changed. */
    async markAllRead(userId: string) {
      const { modifiedCount } = await Notification.updateMany(
        { recipient: userId, read: false },
        { $set: { read: true } },
      );
      return { updated: modifiedCount, unreadCount: await unreadCount(userId) };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
