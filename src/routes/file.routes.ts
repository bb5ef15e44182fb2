import * as s from '../endpoints/file.endpoints';
import { validate } from '../middleware/validate';
import { documentedRouter } from './documented-router';
import type { RouteDeps } from './index';

/** Stored files by id: avatars and attachments (Range, ETag, Last-Modified). */
export function fileRoutes({ controllers: { files: c } }: RouteDeps) {
  const router = documentedRouter();

  router.get('/:id', validate(s.download), c.download);

  return router;
}
