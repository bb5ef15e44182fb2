import type { Request, Response } from 'express';
import * as oidcService from '../services/oidc.service';
import { BadRequestError } from '../utils/errors';
import { oidcSettingsOf } from './app-context';
import { sendSession } from './auth.controller';

declare module 'express-session' {
  interface SessionData {
    oidc: oidcService.OidcChecks;
  }
}

/** Redirects the browser to the provider; state, nonce and PKCE verifier wait in the session. */
export async function login(req: Request, res: Response) {
  const { url, checks } = await oidcService.startSignIn(oidcSettingsOf(req));
  req.session.oidc = checks;
  res.redirect(302, url);
}

/** The provider redirects back here with a code (or an error). */
export async function callback(req: Request, res: Response) {
  const checks = req.session.oidc;
  if (!checks)
    throw new BadRequestError('no sign-in in progress in this browser', 'oidc', 'OIDC_NO_LOGIN');
  delete req.session.oidc; // one attempt per redirect
  const session = await oidcService.finishSignIn(
    oidcSettingsOf(req),
    req.query as Record<string, string>,
    checks,
  );
  sendSession(res, session);
}
