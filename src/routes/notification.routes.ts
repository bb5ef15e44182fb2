import * as s from '../endpoints/notification.endpoints';
import { validate } from '../middleware/validate';
import { documentedRouter } from './documented-router';
import type { RouteDeps } from './index';

/** The inbox. PATCH: partial updates, only the fields sent change. */
export function notificationRoutes({ auth, controllers: { notifications: c } }: RouteDeps) {
  const router = documentedRouter();

  router.get('/', auth.required, validate(s.list), c.list);
  router.patch('/', auth.required, validate(s.markAllRead), c.markAllRead);
  router.patch('/:id', auth.required, validate(s.update), c.update);

  return router;
}
