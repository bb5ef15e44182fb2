/**
 * Direct messages between users who follow each other. Each message is stored; one
 * conversation document per pair keeps the conversation list cheap. A sent message is
 * published as `message.sent` (the gateway pushes it live); a recipient's socket
 * acknowledging it marks it delivered (`message.delivered`).
 */
import type { Types } from 'mongoose';
import type { EventBus } from '../events/event-bus';
import { Conversation, conversationKey, Message, User } from '../models';
import { toMessageView } from '../presenters/message.presenter';
import { PROFILE_FIELDS, toProfileView, type ProfileFields } from '../presenters/profile.presenter';
import { followEachOther, followedAmong } from '../queries/follows';
import { userByUsername } from '../queries/lookups';
import { findPage, type Page } from '../queries/page';
import type { Clock } from '../utils/clock';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../utils/errors';
import { isObjectIdString } from '../utils/mongo';

interface StoredMessage {
  _id: Types.ObjectId;
  from: Types.ObjectId;
  to: Types.ObjectId;
  body: string;
  createdAt: Date;
  deliveredAt?: Date | null;
}

/** The message as either side sees it, given both users' usernames by id. */
const present = (message: StoredMessage, usernames: Map<string, string>) =>
  toMessageView(
    message,
    usernames.get(message.from.toString()) ?? '',
    usernames.get(message.to.toString()) ?? '',
  );

async function usernameOf(userId: string): Promise<string> {
  const user = await User.findById(userId).select('username').lean();
  if (!user) throw new UnauthorizedError('no longer exists', 'user');
  return user.username;
}

export function createMessageService({ events, clock }: { events: EventBus; clock: Clock }) {
  return {
    async send(senderId: string, username: string, body: string) {
      const [recipient, senderName] = await Promise.all([
        userByUsername(username, 'username'),
        usernameOf(senderId),
      ]);
      const recipientId = recipient._id.toString();
      if (recipientId === senderId)
        throw new ValidationError({ username: ['cannot message yourself'] });
      if (!(await followEachOther(senderId, recipientId))) {
        throw new ForbiddenError(
          'only users who follow each other can exchange messages',
          'message',
        );
      }
      const key = conversationKey(senderId, recipientId);
      const message = await Message.create({
        conversation: key,
        from: senderId,
        to: recipientId,
        body,
      });
      await Conversation.updateOne(
        { _id: key },
        {
          $set: {
            members: [senderId, recipientId].sort(),
            lastMessage: message._id,
            lastMessageAt: message.createdAt,
          },
        },
        { upsert: true },
      );
      const usernames = new Map([
        [senderId, senderName],
        [recipientId, recipient.username],
      ]);
      const view = present(message, usernames);
      events.publish('message.sent', { senderId, recipientId, message: view });
      return view;
    },

    /** The user's conversations, most recent first, each with its last message. */
    async conversations(userId: string, page: Page) {
      const { items, total } = await findPage(Conversation, { members: userId }, page, (query) =>
        query
          .sort({ lastMessageAt: -1, _id: -1 })
          .populate<{ members: ProfileFields[] }>('members', PROFILE_FIELDS)
          .populate<{ lastMessage: StoredMessage | null }>('lastMessage')
          .lean(),
      );
      const others = items.map((c) => c.members.find((m) => m._id.toString() !== userId));
      const following = await followedAmong(
        userId,
        others.flatMap((o) => (o ? [o._id] : [])),
      );
      const conversations = items.flatMap((c, i) => {
        const other = others[i];
        // A member or the message deleted since: nothing left to show.
        if (!other || !c.lastMessage || c.members.length !== 2) return [];
        const usernames = new Map(c.members.map((m) => [m._id.toString(), m.username]));
        return [
          {
            profile: toProfileView(other, following.has(other._id.toString())),
            lastMessage: present(c.lastMessage, usernames),
          },
        ];
      });
      return { conversations, conversationsCount: total };
    },

    /** The messages between the user and `username`, newest first. */
    async history(userId: string, username: string, page: Page) {
      const [other, ownName] = await Promise.all([
        userByUsername(username, 'username'),
        usernameOf(userId),
      ]);
      const otherId = other._id.toString();
      const usernames = new Map([
        [userId, ownName],
        [otherId, other.username],
      ]);
      const { items, total } = await findPage(
        Message,
        { conversation: conversationKey(userId, otherId) },
        page,
        (query) => query.sort({ createdAt: -1, _id: -1 }).lean<StoredMessage[]>(),
      );
      return { messages: items.map((m) => present(m, usernames)), messagesCount: total };
    },

    /** A socket of the recipient acknowledged the message: it was delivered (once). */
    async markDelivered(messageId: string, recipientId: string): Promise<void> {
      if (!isObjectIdString(messageId)) return;
      const deliveredAt = clock.now();
      const { modifiedCount } = await Message.updateOne(
        { _id: messageId, to: recipientId, deliveredAt: null },
        { $set: { deliveredAt } },
      );
      if (modifiedCount === 0) return;
      const message = await Message.findById(messageId).select('from').lean();
      if (!message) return;
      events.publish('message.delivered', {
        senderId: message.from.toString(),
        recipientId,
        messageId,
        deliveredAt: deliveredAt.toISOString(),
      });
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;
