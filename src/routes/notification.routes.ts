import { Router } from 'express';
import type { RouteDeps } from './index';

/** The inbox. PATCH: partial updates, only the fields sent change. */
export function notificationRoutes({ auth, controllers: { notifications: c } }: RouteDeps) {
  const router = Router();
  router.get('/', auth.required, c.list);
  router.patch('/', auth.required, c.markAllRead);
  router.patch('/:id', auth.required, c.update);
  return router;
}
