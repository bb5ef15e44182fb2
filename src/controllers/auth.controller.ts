/** /api/v1/auth: token pairs (access + refresh), logout, and the account emails. */
import type { CookieOptions, Request, Response } from 'express';
import * as endpoints from '../endpoints/auth.endpoints';
import { currentActor } from '../middleware/auth';
import type { AccountService } from '../services/account.service';
import type { RefreshTokenService, TokenPair } from '../services/refresh-token.service';
import type { UserService } from '../services/user.service';
import { UnauthorizedError } from '../utils/errors';
import { handle } from './handle';

const REFRESH_COOKIE = 'refreshToken';

interface Deps {
  users: UserService;
  refreshTokens: RefreshTokenService;
  accounts: AccountService;
  credentials: { revokeAll(userId: string): Promise<unknown> };
  /** Cookies only over HTTPS (production). */
  secureCookies: boolean;
}

export function createAuthController({
  users,
  refreshTokens,
  accounts,
  credentials,
  secureCookies,
}: Deps) {
  // httpOnly: scripts cannot read it; path: sent only to /api/v1/auth; SameSite: not cross-site.
  const cookieOptions: CookieOptions = {
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'strict',
    path: '/api/v1/auth',
  };

  /** Answers with the pair, and sets the refresh token as a cookie for browsers. */
  function sendPair(res: Response, pair: TokenPair) {
    res.cookie(REFRESH_COOKIE, pair.refreshToken, {
      ...cookieOptions,
      expires: new Date(pair.refreshTokenExpiresAt),
    });
    res.json(pair);
  }

  function presentedToken(req: Request, body: { refreshToken?: string }): string {
    const token: unknown = body.refreshToken ?? req.cookies?.[REFRESH_COOKIE];
    if (typeof token !== 'string' || !token)
      throw new UnauthorizedError('is required', 'refreshToken', 'REFRESH_TOKEN_INVALID');
    return token;
  }

  return {
    sendPair,

    login: handle(endpoints.login, async ({ body }, _req, res) => {
      sendPair(res, await refreshTokens.issuePair(await users.authenticate(body.user)));
    }),

    refresh: handle(endpoints.refresh, async ({ body }, req, res) => {
      sendPair(res, await refreshTokens.rotate(presentedToken(req, body)));
    }),

    logout: handle(endpoints.logout, async ({ body }, req, res) => {
      await refreshTokens.revokeLogin(presentedToken(req, body));
      res.clearCookie(REFRESH_COOKIE, cookieOptions).status(204).end();
    }),

    logoutAll: handle(endpoints.logoutAll, async (_input, req, res) => {
      await credentials.revokeAll(currentActor(req).id);
      res.clearCookie(REFRESH_COOKIE, cookieOptions).status(204).end();
    }),

    requestVerification: handle(endpoints.requestVerification, async (_input, req, res) => {
      await accounts.requestVerificationEmail(currentActor(req).id);
      res
        .status(202)
        .json({ message: 'If your address is not verified yet, a link is on its way.' });
    }),

    /** The link in the verification email points here. */
    verifyEmail: handle(endpoints.verifyEmail, async ({ query }, _req, res) => {
      await accounts.verifyEmail(query.token);
      res.json({ message: 'Your email address is verified.' });
    }),

    forgotPassword: handle(endpoints.forgotPassword, async ({ body }, _req, res) => {
      await accounts.requestPasswordReset(body.user.email);
      res
        .status(202)
        .json({ message: 'If that address is registered, a reset link is on its way.' });
    }),

    resetPassword: handle(endpoints.resetPassword, async ({ body }, _req, res) => {
      await accounts.resetPassword(body.token, body.user.password);
      res.status(204).end();
    }),
  };
}
