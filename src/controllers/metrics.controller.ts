import * as endpoints from '../endpoints/health.endpoints';
import type { Metrics } from '../middleware/metrics';
import { handle } from './handle';

/** GET /metrics: the Prometheus text format. */
export function createMetricsController({ registry }: Metrics) {
  return {
    scrape: handle(endpoints.metrics, async (_input, _req, res) => {
      res
        .set('Cache-Control', 'no-store')
        .type(registry.contentType)
        .send(await registry.metrics());
    }),
  };
}
