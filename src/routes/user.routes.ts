import { Router } from 'express';
import type { RouteDeps } from './index';

/** /users (sign-up, login) and /user (the current user). */
export function userRoutes({ auth, limits, controllers: { users, files } }: RouteDeps) {
  const router = Router();
  router.post('/users', limits.authByIp, users.register);
  router.post('/users/login', limits.authByIp, limits.loginByAccount.check, users.login, limits.loginByAccount.count);
  router.get('/user', auth.required, users.current);
  router.put('/user', auth.required, users.update);
  router.put('/user/image', auth.required, files.updateImage);
  return router;
}
