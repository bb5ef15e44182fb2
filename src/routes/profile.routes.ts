import { Router } from 'express';
import type { RouteDeps } from './index';

export function profileRoutes({ auth, controllers: { profiles } }: RouteDeps) {
  const router = Router();
  router.get('/:username', auth.optional, profiles.get);
  router.post('/:username/follow', auth.required, profiles.follow);
  router.delete('/:username/follow', auth.required, profiles.unfollow);
  return router;
}
