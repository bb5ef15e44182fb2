/** Cookie sessions for browsers (express-session): log in, who am I, log out. */
import * as endpoints from '../endpoints/auth.endpoints';
import { currentActor } from '../middleware/auth';
import { SESSION_COOKIE, sessionCall } from '../middleware/session';
import type { UserService } from '../services/user.service';
import { UnauthorizedError } from '../utils/errors';
import { randomToken } from '../utils/secure-token';
import { handle } from './handle';

export function createSessionController(users: UserService) {
  return {
    /** A new session id (no fixation) holding the user and a CSRF token. */
    login: handle(endpoints.sessionLogin, async ({ body }, req, res) => {
      const user = await users.authenticate(body.user);
      await sessionCall(req.session, 'regenerate');
      req.session.userId = user._id.toString();
      req.session.tokenVersion = user.tokenVersion ?? 0;
      req.session.csrfToken = randomToken();
      await sessionCall(req.session, 'save');
      res.json({ user: await users.account(req.session.userId), csrfToken: req.session.csrfToken });
    }),

    /** The session's user and CSRF token (a browser app calls this after a reload). */
    current: handle(endpoints.currentSession, async (_input, req, res) => {
      // Without the cookie no session was loaded at all (sessions.ifCookie).
      if (!req.session?.userId) throw new UnauthorizedError('no session', 'session');
      res.json({
        user: await users.account(currentActor(req).id),
        csrfToken: req.session.csrfToken,
      });
    }),

    logout: handle(endpoints.sessionLogout, async (_input, req, res) => {
      if (!req.session?.userId) throw new UnauthorizedError('no session', 'session');
      await sessionCall(req.session, 'destroy');
      res.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).end();
    }),
  };
}
