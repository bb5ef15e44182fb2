import { Router } from 'express';
import type { RouteDeps } from './index';

export function tagRoutes({ controllers: { tags } }: RouteDeps) {
  const router = Router();
  router.get('/', tags.list);
  return router;
}
