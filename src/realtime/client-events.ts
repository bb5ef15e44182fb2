/**
 * What a socket may send, and the checks before any handler runs: a known event, within
 * the size and rate limits, with a payload its Joi schema accepts. Every outcome is
 * acknowledged — `{ ok: true, ... }` or the REST error shape — and a handler that throws
 * answers an error; nothing a client sends can reach the process. An event sent without
 * an acknowledgement callback hears of a refusal through `event:error`.
 */
import { randomUUID } from 'node:crypto';
import type Joi from 'joi';
import { MemoryStore, type Options } from 'express-rate-limit';
import type { Socket } from 'socket.io';
import { toAppError } from '../utils/translate-error';
import type { ArticleService } from '../services/article.service';
import type { MessageService } from '../services/message.service';
import {
  AppError,
  PayloadTooLargeError,
  TooManyRequestsError,
  ValidationError,
} from '../utils/errors';
import { logger } from '../utils/logger';
import { runWithRequestContext } from '../utils/request-context';
import {
  articleRoom,
  clientEvents,
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from './contract';

export type GatewaySocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export interface SocketLimits {
  eventsPerWindow: number;
  eventWindowMs: number;
  maxEventBytes: number;
}

/** Article rooms one socket may be in at once. */
const MAX_ARTICLE_ROOMS = 50;

type CheckedHandler = (socket: GatewaySocket, payload: unknown) => Promise<object>;

/** Like `handle(spec, fn)` for HTTP: `fn` gets the payload its schema checked, typed. */
function on<T>(
  spec: { payload: Joi.ObjectSchema<T> },
  fn: (socket: GatewaySocket, payload: T) => Promise<object>,
): CheckedHandler {
  return (socket, payload) => {
    const { value, error } = spec.payload.validate(payload, {
      abortEarly: false,
      stripUnknown: true,
      convert: true,
    });
    if (error) throw error; // a Joi error: toAppError makes it VALIDATION_FAILED
    return fn(socket, value);
  };
}

function createHandlers(deps: { articles: ArticleService; messages: MessageService }) {
  const handlers: Record<ClientEventName, CheckedHandler> = {
    'article:join': on(clientEvents['article:join'], async (socket, { slug }) => {
      await deps.articles.get(slug); // 404 for an unknown article
      const joined = [...socket.rooms].filter((room) => room.startsWith('article:'));
      if (joined.length >= MAX_ARTICLE_ROOMS && !socket.rooms.has(articleRoom(slug)))
        throw new AppError(429, 'TOO_MANY_ROOMS', {
          slug: [`cannot follow more than ${MAX_ARTICLE_ROOMS} articles at once`],
        });
      await socket.join(articleRoom(slug));
      return {};
    }),
    'article:leave': on(clientEvents['article:leave'], async (socket, { slug }) => {
      await socket.leave(articleRoom(slug));
      return {};
    }),
    'message:send': on(clientEvents['message:send'], async (socket, { to, body }) => ({
      message: await deps.messages.send(socket.data.userId, to, body),
    })),
  };
  return handlers;
}

const isClientEvent = (event: string): event is ClientEventName =>
  Object.hasOwn(clientEvents, event);

function errorAck(err: unknown, requestId: string): Ack {
  const known = toAppError(err);
  if (known) return { ok: false, code: known.code, errors: known.errors, requestId };
  logger.error('socket event failed', { error: err });
  return {
    ok: false,
    code: 'INTERNAL_ERROR',
    errors: { body: ['Internal server error'] },
    requestId,
  };
}

/** Bytes of an event's arguments as the client sent them (JSON). */
function payloadBytes(args: unknown[]): number {
  try {
    return Buffer.byteLength(JSON.stringify(args) ?? '');
  } catch {
    return Infinity; // not serializable (binary or circular): not ours to take
  }
}

/** Serves a socket's events; one limiter per gateway, keyed by socket. */
export function createClientEvents(
  deps: { articles: ArticleService; messages: MessageService },
  limits: SocketLimits,
) {
  const handlers = createHandlers(deps);
  // express-rate-limit's own counter, per socket (a socket lives on one instance: no Redis).
  const events = new MemoryStore();
  events.init({ windowMs: limits.eventWindowMs } as Options); // the store reads only windowMs
  // The store answers with its live counter, which the next event moves on: one socket's
  // events are counted one after the other, each reading its own count.
  const counted = new WeakMap<GatewaySocket, Promise<unknown>>();
  const count = (socket: GatewaySocket) => {
    const next = (counted.get(socket) ?? Promise.resolve())
      .then(() => events.increment(socket.id))
      .then(({ totalHits, resetTime }) => ({ totalHits, resetTime }));
    counted.set(socket, next);
    return next;
  };

  async function dispatch(socket: GatewaySocket, event: string, args: unknown[]): Promise<Ack> {
    const { totalHits, resetTime } = await count(socket);
    if (totalHits > limits.eventsPerWindow) {
      throw new TooManyRequestsError(
        `more than ${limits.eventsPerWindow} events in ${limits.eventWindowMs} ms`,
        Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000)),
      );
    }
    if (payloadBytes(args) > limits.maxEventBytes)
      throw new PayloadTooLargeError(`is larger than ${limits.maxEventBytes} bytes`, 'payload');
    if (!isClientEvent(event))
      throw new AppError(400, 'UNKNOWN_EVENT', {
        event: [`"${event.slice(0, 100)}" is not an event of this API`],
      });
    if (args.length > 1) throw new ValidationError({ payload: ['must be one object'] });
    return { ok: true, ...(await handlers[event](socket, args[0])) };
  }

  return {
    listen(socket: GatewaySocket): void {
      socket.onAny((event: string, ...args: unknown[]) => {
        const last = args.at(-1);
        const ack = typeof last === 'function' ? (args.pop() as (answer: Ack) => void) : undefined;
        const requestId = randomUUID();
        void runWithRequestContext({ requestId, socketId: socket.id }, () =>
          dispatch(socket, event, args).catch((err: unknown) => errorAck(err, requestId)),
        ).then((answer) => {
          if (ack) ack(answer);
          else if (!answer.ok)
            socket.emit('event:error', { event, code: answer.code, errors: answer.errors });
        });
      });
      socket.on('disconnect', () => void events.resetKey(socket.id));
    },
  };
}
