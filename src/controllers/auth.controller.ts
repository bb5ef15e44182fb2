import type { CookieOptions, Request, Response } from 'express';
import { config } from '../config';
import { currentUserId } from '../middleware/auth';
import { mailerOf } from './app-context';
import * as accountService from '../services/account.service';
import * as refreshTokenService from '../services/refresh-token.service';
import * as userService from '../services/user.service';
import { UnauthorizedError } from '../utils/errors';

const COOKIE = 'refreshToken';
// httpOnly: scripts cannot read it; path: sent only to /api/v1/auth; SameSite: not cross-site.
const cookieOptions = (): CookieOptions => ({
  httpOnly: true,
  secure: config.isProduction,
  sameSite: 'strict',
  path: '/api/v1/auth',
});

type Session = Awaited<ReturnType<typeof refreshTokenService.startSession>>;

export function sendSession(res: Response, session: Session) {
  res.cookie(COOKIE, session.refreshToken, {
    ...cookieOptions(),
    expires: new Date(session.refreshTokenExpiresAt),
  });
  res.json(session);
}

function presentedToken(req: Request): string {
  const token =
    (req.validated.body as { refreshToken?: string }).refreshToken ?? req.cookies?.[COOKIE];
  if (typeof token !== 'string' || !token)
    throw new UnauthorizedError('is required', 'refreshToken', 'REFRESH_TOKEN_INVALID');
  return token;
}

export async function login(req: Request, res: Response) {
  const { user } = req.validated.body as { user: { email: string; password: string } };
  const account = await userService.authenticateCredentials(user.email, user.password);
  sendSession(res, await refreshTokenService.startSession(account._id.toString()));
}

export async function refresh(req: Request, res: Response) {
  sendSession(res, await refreshTokenService.rotate(presentedToken(req)));
}

export async function logout(req: Request, res: Response) {
  await refreshTokenService.logout(presentedToken(req));
  res.clearCookie(COOKIE, cookieOptions()).status(204).end();
}

export async function logoutAll(req: Request, res: Response) {
  await refreshTokenService.logoutEverywhere(currentUserId(req));
  res.clearCookie(COOKIE, cookieOptions()).status(204).end();
}

export async function requestVerification(req: Request, res: Response) {
  await accountService.sendVerificationEmail({ _id: currentUserId(req) }, mailerOf(req));
  res.status(202).json({ message: 'If your address is not verified yet, a link is on its way.' });
}

/** The link in the verification email points here. */
export async function verifyEmail(req: Request, res: Response) {
  await accountService.verifyEmail((req.validated.query as { token: string }).token);
  res.json({ message: 'Your email address is verified.' });
}

export async function forgotPassword(req: Request, res: Response) {
  const { user } = req.validated.body as { user: { email: string } };
  await accountService.requestPasswordReset(user.email, mailerOf(req));
  res.status(202).json({ message: 'If that address is registered, a reset link is on its way.' });
}

export async function resetPassword(req: Request, res: Response) {
  const { token, user } = req.validated.body as { token: string; user: { password: string } };
  await accountService.resetPassword(token, user.password);
  res.status(204).end();
}
