/**
 * Domain events, pushed to the sockets they concern. Each event is published on the
 * instance that handled the request; emitting to a room reaches that room's sockets on
 * every instance (through the Redis adapter when there is one).
 */
import type { Server } from 'socket.io';
import type { EventBus } from '../events/event-bus';
import type { MessageService } from '../services/message.service';
import { logger } from '../utils/logger';
import { getRequestSocketId } from '../utils/request-context';
import {
  articleRoom,
  userRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from './contract';

export type GatewayServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

interface PushDeps {
  events: EventBus;
  messages: MessageService;
  /** How long a pushed message waits for the recipient's acknowledgement. */
  deliveryAckTimeoutMs: number;
}

/** Subscribes every push; returns the function that unsubscribes them all. */
export function subscribePushes(io: GatewayServer, deps: PushDeps): () => void {
  const { events, messages } = deps;
  const unsubscribers = [
    events.subscribe('notification.created', ({ recipientId, notification }) => {
      io.to(userRoom(recipientId)).emit('notification', notification);
    }),

    events.subscribe('comment.added', ({ slug, comment }) => {
      io.to(articleRoom(slug)).emit('comment:created', { slug, comment });
    }),
    events.subscribe('comment.deleted', ({ slug, commentId }) => {
      io.to(articleRoom(slug)).emit('comment:deleted', { slug, commentId });
    }),
    events.subscribe('article.updated', ({ slug, previousSlug }) => {
      const room = articleRoom(previousSlug);
      io.to(room).emit('article:updated', { slug, previousSlug });
      if (slug === previousSlug) return;
      // A new title, a new slug: the article's readers follow it to its new room.
      io.in(room).socketsJoin(articleRoom(slug));
      io.in(room).socketsLeave(room);
    }),
    events.subscribe('article.deleted', ({ slug }) => {
      const room = articleRoom(slug);
      io.to(room).emit('article:deleted', { slug });
      io.in(room).socketsLeave(room);
    }),

    events.subscribe('message.sent', ({ senderId, recipientId, message }) => {
      io.to(userRoom(recipientId))
        .timeout(deps.deliveryAckTimeoutMs)
        .emit('message', message, (_timedOut, acknowledgements) => {
          // Any socket of the recipient acknowledging it is a delivery; none, not yet.
          if (acknowledgements.length === 0) return;
          messages.markDelivered(message.id, recipientId).catch((err: Error) => {
            logger.warn('could not mark a message delivered', { error: err.message });
          });
        });
      // The sender's other tabs show the conversation too (not the socket that sent it: the
      // message is in its acknowledgement); their acknowledgements count for nothing.
      const origin = getRequestSocketId();
      const senderSockets = io.to(userRoom(senderId));
      (origin ? senderSockets.except(origin) : senderSockets)
        .timeout(deps.deliveryAckTimeoutMs)
        .emit('message', message, () => undefined);
    }),
    events.subscribe('message.delivered', ({ senderId, messageId, deliveredAt }) => {
      io.to(userRoom(senderId)).emit('message:delivered', { id: messageId, deliveredAt });
    }),

    // Logged out everywhere, banned or a new password: the user's sockets close too.
    events.subscribe('credentials.revoked', ({ userId }) => {
      io.in(userRoom(userId)).disconnectSockets(true);
    }),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
