import { Router } from 'express';
import type { RouteDeps } from './index';

/** Token pairs with refresh, account emails, cookie sessions and OpenID Connect sign-in. */
export function authRoutes({ auth, limits, sessions: { start }, controllers }: RouteDeps) {
  const { auth: c, sessions, oidc } = controllers;
  const { authByIp, loginByAccount, resetByAccount } = limits;
  const router = Router();

  router.post('/login', authByIp, loginByAccount, c.login);
  router.post('/refresh', authByIp, c.refresh);
  router.post('/logout', c.logout);
  router.post('/logout-all', auth.required, c.logoutAll);

  router.post('/verify-email/request', auth.required, c.requestVerification);
  router.get('/verify-email', c.verifyEmail);
  router.post('/forgot-password', authByIp, resetByAccount, c.forgotPassword);
  router.post('/reset-password', authByIp, c.resetPassword);

  router.post('/session', authByIp, loginByAccount, start, sessions.login);
  router.get('/session', auth.required, sessions.current);
  router.delete('/session', auth.required, sessions.logout);

  router.get('/oidc/login', authByIp, start, oidc.login);
  router.get('/oidc/callback', authByIp, start, oidc.callback);

  return router;
}
