import * as s from '../endpoints/profile.endpoints';
import { validate } from '../middleware/validate';
import { documentedRouter } from './documented-router';
import type { RouteDeps } from './index';

export function profileRoutes({ auth, controllers: { profiles: c } }: RouteDeps) {
  const router = documentedRouter();

  router.get('/:username', auth.optional, validate(s.get), c.get);
  router.post('/:username/follow', auth.required, validate(s.follow), c.follow);
  router.delete('/:username/follow', auth.required, validate(s.unfollow), c.unfollow);

  return router;
}
