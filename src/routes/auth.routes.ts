import { Router } from 'express';
import type { RouteDeps } from './index';

/** Token pairs with refresh, account emails, cookie sessions and OpenID Connect sign-in. */
export function authRoutes({ auth, limits, sessions: { start }, controllers }: RouteDeps) {
  const { auth: tokens, sessions, oidc } = controllers;
  const { authByIp, loginByAccount, resetByAccount } = limits;
  const router = Router();

  router.post('/login', authByIp, loginByAccount.check, tokens.login, loginByAccount.count);
  router.post('/refresh', authByIp, tokens.refresh);
  router.post('/logout', tokens.logout);
  router.post('/logout-all', auth.required, tokens.logoutAll);

  router.post('/verify-email/request', auth.required, tokens.requestVerification);
  router.get('/verify-email', tokens.verifyEmail);
  router.post('/forgot-password', authByIp, resetByAccount, tokens.forgotPassword);
  router.post('/reset-password', authByIp, tokens.resetPassword);

  router.post('/session', authByIp, loginByAccount.check, start, sessions.login, loginByAccount.count);
  router.get('/session', auth.required, sessions.current);
  router.delete('/session', auth.required, sessions.logout);

  router.get('/oidc/login', authByIp, start, oidc.login);
  router.get('/oidc/callback', authByIp, start, oidc.callback);

  return router;
}
