import { promisify } from 'node:util';
import type { Request, Response } from 'express';
import { currentUserId } from '../middleware/auth';
import { SESSION_COOKIE } from '../middleware/session';
import * as userService from '../services/user.service';
import { UnauthorizedError } from '../utils/errors';
import { randomToken } from '../utils/secure-token';

/** Cookie-session login: a new session id (no fixation) holding the user and a CSRF token. */
export async function login(req: Request, res: Response) {
  const { user } = req.validated.body as { user: { email: string; password: string } };
  const account = await userService.authenticateCredentials(user.email, user.password);
  await promisify(req.session.regenerate.bind(req.session))();
  req.session.userId = account._id.toString();
  req.session.tokenVersion = account.tokenVersion ?? 0;
  req.session.csrfToken = randomToken();
  await promisify(req.session.save.bind(req.session))();
  res.json({
    user: await userService.getAccount(req.session.userId),
    csrfToken: req.session.csrfToken,
  });
}

/** The session's user and CSRF token (a browser app calls this after a reload). */
export async function current(req: Request, res: Response) {
  if (!req.session.userId) throw new UnauthorizedError('no session', 'session');
  res.json({
    user: await userService.getAccount(currentUserId(req)),
    csrfToken: req.session.csrfToken,
  });
}

export async function logout(req: Request, res: Response) {
  if (!req.session.userId) throw new UnauthorizedError('no session', 'session');
  await promisify(req.session.destroy.bind(req.session))();
  res.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).end();
}
