import * as s from '../endpoints/health.endpoints';
import { validate } from '../middleware/validate';
import { documentedRouter } from './documented-router';
import type { RouteDeps } from './index';

export function healthRoutes({ controllers: { health: c } }: RouteDeps) {
  const router = documentedRouter();

  router.get('/live', validate(s.live), c.live);
  router.get('/ready', validate(s.ready), c.ready);

  return router;
}
