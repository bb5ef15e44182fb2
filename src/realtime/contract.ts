/**
 * The Socket.IO contract, declared once: what clients may send (each event's Joi schema
 * validates it at runtime and documents it), what the server pushes, and the rooms. The
 * gateway serves it; src/docs/asyncapi.ts turns it into the AsyncAPI document.
 */
import Joi from 'joi';
import { slugParam, username } from '../endpoints/common';
import { messageBody } from '../endpoints/message.endpoints';
import type { CommentView } from '../presenters/comment.presenter';
import type { MessageView } from '../presenters/message.presenter';
import type { NotificationView } from '../presenters/notification.presenter';
import type { ErrorMap } from '../utils/errors';

/** Every user's sockets are in their room: notifications and messages go there. */
export const userRoom = (userId: string) => `user:${userId}`;
/** Sockets that joined an article (article:join) get its live comments. */
export const articleRoom = (slug: string) => `article:${slug}`;

/** The answer to every client event: `ok` and a result, or the REST error shape. */
export type Ack<T extends object = object> =
  ({ ok: true } & T) | { ok: false; code: string; errors: ErrorMap; requestId: string };

interface ClientEventSpec<T> {
  summary: string;
  payload: Joi.ObjectSchema<T>;
  /** Schema (src/docs/schemas.ts) of what a successful acknowledgement adds to `ok: true`. */
  result?: string;
}

const clientEvent = <T>(spec: ClientEventSpec<T>) => spec;

export const clientEvents = {
  'article:join': clientEvent({
    summary: "Start receiving an article's comments live (comment:created, comment:deleted)",
    payload: Joi.object<{ slug: string }>({ slug: slugParam }).required(),
  }),
  'article:leave': clientEvent({
    summary: 'Stop receiving the article’s live comments',
    payload: Joi.object<{ slug: string }>({ slug: slugParam }).required(),
  }),
  'message:send': clientEvent({
    summary: 'Send a direct message (you and the user must follow each other)',
    payload: Joi.object<{ to: string; body: string }>({
      to: username.required(),
      body: messageBody.required(),
    }).required(),
    result: 'DirectMessageResponse',
  }),
};

export type ClientEventName = keyof typeof clientEvents;
type ClientPayload<E extends ClientEventName> =
  (typeof clientEvents)[E]['payload'] extends Joi.ObjectSchema<infer T> ? T : never;

type AckCallback = (ack: Ack) => void;

/** What clients send, for Socket.IO's typed server: a payload and an acknowledgement. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack?: AckCallback) => void;
};

export interface ServerToClientEvents {
  notification: (notification: NotificationView) => void;
  'comment:created': (event: { slug: string; comment: CommentView }) => void;
  'comment:deleted': (event: { slug: string; commentId: string }) => void;
  'article:updated': (event: { slug: string; previousSlug: string }) => void;
  'article:deleted': (event: { slug: string }) => void;
  /** Acknowledge it (any value) and it is marked delivered. */
  message: (message: MessageView, received: (receipt: unknown) => void) => void;
  'message:delivered': (event: { id: string; deliveredAt: string }) => void;
  /** The token the socket was opened with expired: reconnect with a fresh one. */
  'auth:expired': () => void;
  /** A client event sent without an acknowledgement callback was refused. */
  'event:error': (error: { event: string; code: string; errors: ErrorMap }) => void;
}

interface ServerEventSpec {
  summary: string;
  room: 'user' | 'article' | 'socket';
  /** Payload schema in src/docs/schemas.ts; none for an event without payload. */
  schema?: string;
  /** The client should acknowledge it. */
  acknowledged?: boolean;
}

export const serverEvents: Record<keyof ServerToClientEvents, ServerEventSpec> = {
  notification: {
    summary: 'A new notification: the same object GET /api/v1/notifications lists',
    room: 'user',
    schema: 'Notification',
  },
  'comment:created': {
    summary: 'A comment was posted on an article you joined',
    room: 'article',
    schema: 'LiveComment',
  },
  'comment:deleted': {
    summary: 'A comment was deleted from an article you joined',
    room: 'article',
    schema: 'LiveCommentDeleted',
  },
  'article:updated': {
    summary: 'An article you joined changed; a new title may have changed its slug',
    room: 'article',
    schema: 'LiveArticleUpdated',
  },
  'article:deleted': {
    summary: 'An article you joined was deleted (you leave its room)',
    room: 'article',
    schema: 'LiveArticleDeleted',
  },
  message: {
    summary: 'A direct message, to the recipient (acknowledge it) and the sender’s other sockets',
    room: 'user',
    schema: 'DirectMessage',
    acknowledged: true,
  },
  'message:delivered': {
    summary: 'A message you sent was acknowledged by a socket of its recipient',
    room: 'user',
    schema: 'MessageDelivered',
  },
  'auth:expired': {
    summary: 'The access token expired; the server disconnects the socket',
    room: 'socket',
  },
  'event:error': {
    summary: 'A client event without acknowledgement callback was refused',
    room: 'socket',
    schema: 'EventError',
  },
};

/** What the handshake authentication leaves on each socket. */
export interface SocketData {
  userId: string;
  /** When the socket's access token expires; none for a cookie session. */
  expiresAt?: Date;
}
