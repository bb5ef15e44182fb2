import { Router } from 'express';
import type { RouteDeps } from './index';

export function tagRoutes({ controllers: { tags: c } }: RouteDeps) {
  const router = Router();
  router.get('/', c.list);
  return router;
}
