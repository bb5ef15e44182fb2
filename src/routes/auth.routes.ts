import { Router } from 'express';
import * as authController from '../controllers/auth.controller';
import * as oidcController from '../controllers/oidc.controller';
import * as sessionController from '../controllers/session.controller';
import { auth } from '../middleware/auth';
import { limit } from '../middleware/limits';
import { validate } from '../middleware/validate';
import * as authSchemas from '../validations/auth.validation';

/** Access + refresh tokens: login, rotation, logout (this login) and logout everywhere. */
export const authRouter = Router();

authRouter.post('/login', limit.authByIp, limit.loginByAccount, validate(authSchemas.login), authController.login);
authRouter.post('/refresh', limit.authByIp, validate(authSchemas.refresh), authController.refresh);
authRouter.post('/logout', validate(authSchemas.refresh), authController.logout);
authRouter.post('/logout-all', auth.required, authController.logoutAll);
authRouter.post('/verify-email/request', auth.required, authController.requestVerification);
authRouter.get('/verify-email', validate(authSchemas.verifyEmail), authController.verifyEmail);
authRouter.post(
  '/forgot-password',
  limit.authByIp,
  limit.resetByAccount,
  validate(authSchemas.forgotPassword),
  authController.forgotPassword,
);
authRouter.post('/reset-password', limit.authByIp, validate(authSchemas.resetPassword), authController.resetPassword);
authRouter.post('/session', limit.authByIp, limit.loginByAccount, validate(authSchemas.login), sessionController.login);
authRouter.get('/session', auth.required, sessionController.current);
authRouter.delete('/session', auth.required, sessionController.logout);
authRouter.get('/oidc/login', limit.authByIp, oidcController.login);
authRouter.get('/oidc/callback', limit.authByIp, oidcController.callback);
