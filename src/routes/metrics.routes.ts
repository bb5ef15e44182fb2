import { Router, type RequestHandler } from 'express';
import type { createMetricsController } from '../controllers/metrics.controller';

/** GET /metrics, for a scraper with the metrics token. */
export function metricsRoutes(requireToken: RequestHandler, metrics: ReturnType<typeof createMetricsController>) {
  const router = Router();
  router.get('/', requireToken, metrics.scrape);
  return router;
}
