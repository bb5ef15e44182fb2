import { Router } from 'express';
import type { Controllers } from '../controllers';

/** Needs only its controller: the bench mounts it alone (scripts/bench/structured-express.ts). */
export function healthRoutes({ controllers: { health } }: { controllers: Pick<Controllers, 'health'> }) {
  const router = Router();
  router.get('/live', health.live);
  router.get('/ready', health.ready);
  return router;
}
