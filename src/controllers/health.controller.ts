import * as endpoints from '../endpoints/health.endpoints';
import type { HealthService } from '../services/health.service';
import { handle } from './handle';

export function createHealthController(health: HealthService) {
  return {
    live: handle(endpoints.live, (_input, _req, res) => {
      res.json(health.live());
    }),

    ready: handle(endpoints.ready, async (_input, _req, res) => {
      res.set('Cache-Control', 'no-store').json(await health.ready());
    }),
  };
}
