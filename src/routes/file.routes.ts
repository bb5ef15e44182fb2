import { Router } from 'express';
import type { RouteDeps } from './index';

/** Stored files by id: avatars and attachments (Range, ETag, Last-Modified). */
export function fileRoutes({ controllers: { files } }: RouteDeps) {
  const router = Router();
  router.get('/:id', files.download);
  return router;
}
