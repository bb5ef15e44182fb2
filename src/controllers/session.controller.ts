/** Cookie sessions for browsers (express-session): log in, who am I, log out. */
import { promisify } from 'node:util';
import * as s from '../endpoints/auth.endpoints';
import { currentUserId } from '../middleware/auth';
import { SESSION_COOKIE } from '../middleware/session';
import type { UserService } from '../services/user.service';
import { UnauthorizedError } from '../utils/errors';
import { randomToken } from '../utils/secure-token';
import { handle } from './handle';

export function createSessionController(users: UserService) {
  return {
    /** A new session id (no fixation) holding the user and a CSRF token. */
    login: handle(s.sessionLogin, async ({ body }, req, res) => {
      const user = await users.authenticate(body.user);
      await promisify(req.session.regenerate.bind(req.session))();
      req.session.userId = user._id.toString();
      req.session.tokenVersion = user.tokenVersion ?? 0;
      req.session.csrfToken = randomToken();
      await promisify(req.session.save.bind(req.session))();
      res.json({ user: await users.account(req.session.userId), csrfToken: req.session.csrfToken });
    }),

    /** The session's user and CSRF token (a browser app calls this after a reload). */
    current: handle(s.currentSession, async (_input, req, res) => {
      if (!req.session.userId) throw new UnauthorizedError('no session', 'session');
      res.json({ user: await users.account(currentUserId(req)), csrfToken: req.session.csrfToken });
    }),

    logout: handle(s.sessionLogout, async (_input, req, res) => {
      if (!req.session.userId) throw new UnauthorizedError('no session', 'session');
      await promisify(req.session.destroy.bind(req.session))();
      res.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).end();
    }),
  };
}
