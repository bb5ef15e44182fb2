import { Router } from 'express';
import type { RouteDeps } from './index';

/** The inbox. PATCH: partial updates, only the fields sent change. */
export function notificationRoutes({ auth, controllers: { notifications } }: RouteDeps) {
  const router = Router();
  router.get('/', auth.required, notifications.list);
  router.patch('/', auth.required, notifications.markAllRead);
  router.patch('/:id', auth.required, notifications.update);
  return router;
}
