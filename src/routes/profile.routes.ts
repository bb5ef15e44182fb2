import { Router } from 'express';
import type { RouteDeps } from './index';

export function profileRoutes({ auth, controllers: { profiles: c } }: RouteDeps) {
  const router = Router();
  router.get('/:username', auth.optional, c.get);
  router.post('/:username/follow', auth.required, c.follow);
  router.delete('/:username/follow', auth.required, c.unfollow);
  return router;
}
