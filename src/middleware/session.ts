/**
 * Cookie sessions for browser clients (express-session), stored in Redis (connect-redis)
 * when the app has one, else in memory. The cookie is httpOnly and SameSite=Lax; unsafe
 * requests authenticated by it also need the session's CSRF token (see auth.ts).
 */
import RedisStore from 'connect-redis';
import session from 'express-session';
import type { Config } from '../config';
import type { RedisClient } from '../db/redis';

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

export function createSessionMiddleware(settings: SessionSettings, redis?: RedisClient) {
  return session({
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
}
