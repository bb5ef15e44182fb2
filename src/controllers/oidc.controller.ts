/** OpenID Connect sign-in: redirect to the provider, then its callback. */
import type { Response } from 'express';
import * as endpoints from '../endpoints/auth.endpoints';
import type { OidcChecks, OidcService } from '../services/oidc.service';
import type { TokenPair } from '../services/refresh-token.service';
import { BadRequestError } from '../utils/errors';
import { handle } from './handle';

declare module 'express-session' {
  interface SessionData {
    oidc: OidcChecks;
  }
}

export function createOidcController(
  oidc: OidcService,
  sendPair: (res: Response, pair: TokenPair) => void,
) {
  return {
    /** Redirects the browser to the provider; state, nonce and PKCE verifier wait in the session. */
    login: handle(endpoints.oidcLogin, async (_input, req, res) => {
      const { url, checks } = await oidc.startSignIn();
      req.session.oidc = checks;
      res.redirect(302, url);
    }),

    /** The provider redirects back here with a code (or an error). */
    callback: handle(endpoints.oidcCallback, async ({ query }, req, res) => {
      const checks = req.session.oidc;
      if (!checks)
        throw new BadRequestError(
          'no sign-in in progress in this browser',
          'oidc',
          'OIDC_NO_LOGIN',
        );
      delete req.session.oidc; // one attempt per redirect
      sendPair(res, await oidc.finishSignIn(query, checks));
    }),
  };
}
