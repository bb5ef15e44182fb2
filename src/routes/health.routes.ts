import type { Controllers } from '../controllers';
import * as s from '../endpoints/health.endpoints';
import { validate } from '../middleware/validate';
import { documentedRouter } from './documented-router';

/** Needs only its controller: the bench mounts it alone (scripts/bench/structured-express.ts). */
export function healthRoutes({ controllers: { health: c } }: { controllers: Pick<Controllers, 'health'> }) {
  const router = documentedRouter();

  router.get('/live', validate(s.live), c.live);
  router.get('/ready', validate(s.ready), c.ready);

  return router;
}
