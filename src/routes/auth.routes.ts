import * as s from '../endpoints/auth.endpoints';
import { validate } from '../middleware/validate';
import { documentedRouter } from './documented-router';
import type { RouteDeps } from './index';

/** Token pairs with refresh, account emails, cookie sessions and OpenID Connect sign-in. */
export function authRoutes({ auth, limits, sessions: { start }, controllers }: RouteDeps) {
  const router = documentedRouter();
  const { auth: c, sessions, oidc } = controllers;
  const { authByIp, loginByAccount, resetByAccount } = limits;

  router.post('/login', authByIp, loginByAccount, validate(s.login), c.login);
  router.post('/refresh', authByIp, validate(s.refresh), c.refresh);
  router.post('/logout', validate(s.logout), c.logout);
  router.post('/logout-all', auth.required, validate(s.logoutAll), c.logoutAll);

  router.post('/verify-email/request', auth.required, validate(s.requestVerification), c.requestVerification);
  router.get('/verify-email', validate(s.verifyEmail), c.verifyEmail);
  router.post('/forgot-password', authByIp, resetByAccount, validate(s.forgotPassword), c.forgotPassword);
  router.post('/reset-password', authByIp, validate(s.resetPassword), c.resetPassword);

  router.post('/session', authByIp, loginByAccount, start, validate(s.sessionLogin), sessions.login);
  router.get('/session', auth.required, validate(s.currentSession), sessions.current);
  router.delete('/session', auth.required, validate(s.sessionLogout), sessions.logout);

  router.get('/oidc/login', authByIp, start, validate(s.oidcLogin), oidc.login);
  router.get('/oidc/callback', authByIp, start, validate(s.oidcCallback), oidc.callback);

  return router;
}
