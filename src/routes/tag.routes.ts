import * as s from '../endpoints/tag.endpoints';
import { validate } from '../middleware/validate';
import { documentedRouter } from './documented-router';
import type { RouteDeps } from './index';

export function tagRoutes({ controllers: { tags: c } }: RouteDeps) {
  const router = documentedRouter();

  router.get('/', validate(s.list), c.list);

  return router;
}
