import * as s from '../endpoints/health.endpoints';
import type { createMetricsController } from '../controllers/metrics.controller';
import { validate } from '../middleware/validate';
import { documentedRouter } from './documented-router';
import type { RequestHandler } from 'express';

/** GET /metrics, for a scraper with the metrics token. */
export function metricsRoutes(requireToken: RequestHandler, c: ReturnType<typeof createMetricsController>) {
  const router = documentedRouter();
  router.get('/', requireToken, validate(s.metrics), c.scrape);
  return router;
}
