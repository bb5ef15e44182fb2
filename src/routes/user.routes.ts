import { Router } from 'express';
import type { RouteDeps } from './index';

/** /users (sign-up, login) and /user (the current user). */
export function userRoutes({ auth, limits, controllers: { users: c, files } }: RouteDeps) {
  const router = Router();
  router.post('/users', limits.authByIp, c.register);
  router.post('/users/login', limits.authByIp, limits.loginByAccount, c.login);
  router.get('/user', auth.required, c.current);
  router.put('/user', auth.required, c.update);
  router.put('/user/image', auth.required, files.updateImage);
  return router;
}
