/**
 * Cookie sessions for browser clients (express-session), stored in Redis (connect-redis)
 * when the app has one, else in memory. The cookie is httpOnly and SameSite=Lax; unsafe
 * requests authenticated by it also need the session's CSRF token (see auth.ts).
 *
 * Only requests that carry the session cookie load a session (`sessions.ifCookie`), plus
 * the routes that may begin one (`sessions.start`): other requests pay nothing for it.
 * While the store is unreachable, session requests answer 503 with Retry-After; token
 * requests never touch it.
 */
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import RedisStore from 'connect-redis';
import type { Request, RequestHandler } from 'express';
import session, { type Session } from 'express-session';
import type { Config } from '../config';
import { noteRedisFailure, type RedisClient } from '../db/redis';
import { BadRequestError, ServiceUnavailableError } from '../utils/errors';

declare module 'express-session' {
  interface SessionData {
    userId: string;
    /** The user's token version at login: a later password change or ban ends the session. */
    tokenVersion: number;
    csrfToken: string;
  }
}

export const SESSION_COOKIE = 'conduit.sid';

interface SessionSettings extends Pick<Config['session'], 'secret' | 'ttlHours'> {
  /** Cookies only over HTTPS (production). */
  secureCookies: boolean;
  keyPrefix: string;
}

const storeDown = () => new ServiceUnavailableError('session store', 'is unavailable');

/** A session method (regenerate, save, destroy) as a promise; a store failure is a 503. */
export function sessionCall(
  target: Session,
  method: 'regenerate' | 'save' | 'destroy',
): Promise<void> {
  return promisify(target[method].bind(target))().catch(() => {
    throw storeDown();
  });
}

export function createSessions(settings: SessionSettings, redis?: RedisClient) {
  const middleware = session({
    name: SESSION_COOKIE,
    secret: settings.secret,
    store: redis
      ? new RedisStore({ client: redis, prefix: `${settings.keyPrefix}sess:` })
      : undefined,
    resave: false,
    saveUninitialized: false, // no cookie until someone logs in
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: settings.secureCookies,
      maxAge: settings.ttlHours * 60 * 60 * 1000,
      path: '/',
    },
  });
  // express-session passes store failures to next(err): answer them as the 503 they are
  // (the outage logged once, by whoever notices it first).
  const load: RequestHandler = (req, res, next) =>
    middleware(req, res, (err?: unknown) => {
      if (err && redis) noteRedisFailure(redis, err);
      next(err ? storeDown() : undefined);
    });

  /** Where a session may begin (login, OIDC): a Secure cookie would never come back over HTTP. */
  const start: RequestHandler = (req, res, next) => {
    if (settings.secureCookies && !req.secure) {
      throw new BadRequestError(
        'need HTTPS (behind a proxy that terminates TLS, set TRUST_PROXY_HOPS)',
        'cookie sessions',
        'HTTPS_REQUIRED',
      );
    }
    load(req, res, next);
  };

  const ifCookie: RequestHandler = (req, res, next) =>
    req.cookies?.[SESSION_COOKIE] ? load(req, res, next) : next();

  return { start, ifCookie };
}

export type Sessions = ReturnType<typeof createSessions>;

/**
 * Who signed in with the session of a Socket.IO handshake: Node's own request, on which
 * the engine ran `ifCookie` like on any Express request.
 */
export function sessionUserOf(req: IncomingMessage) {
  const { session } = req as Partial<Pick<Request, 'session'>>;
  return session?.userId
    ? { userId: session.userId, version: session.tokenVersion ?? 0 }
    : undefined;
}
