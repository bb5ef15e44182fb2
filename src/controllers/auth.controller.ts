import type { CookieOptions, Request, Response } from 'express';
import { config } from '../config';
import { currentUserId } from '../middleware/auth';
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

function sendSession(res: Response, session: Session) {
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
