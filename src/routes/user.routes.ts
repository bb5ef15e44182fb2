import * as f from '../endpoints/file.endpoints';
import * as s from '../endpoints/user.endpoints';
import { validate } from '../middleware/validate';
import { documentedRouter } from './documented-router';
import type { RouteDeps } from './index';

/** /users (sign-up, login) and /user (the current user). */
export function userRoutes({ auth, limits, uploads, controllers: { users: c, files } }: RouteDeps) {
  const router = documentedRouter();

  router.post('/users', limits.authByIp, validate(s.register), c.register);
  router.post('/users/login', limits.authByIp, limits.loginByAccount, validate(s.login), c.login);
  router.get('/user', auth.required, validate(s.current), c.current);
  router.put('/user', auth.required, validate(s.update), c.update);
  router.put('/user/image', auth.required, validate(f.updateImage), uploads.avatar, files.updateImage);

  return router;
}
