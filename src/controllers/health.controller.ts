import * as s from '../endpoints/health.endpoints';
import type { HealthService } from '../services/health.service';
import { handle } from './handle';

export function createHealthController(health: HealthService) {
  return {
    live: handle(s.live, (_input, _req, res) => {
      res.json(health.live());
    }),

    ready: handle(s.ready, async (_input, _req, res) => {
      res.set('Cache-Control', 'no-store').json(await health.ready());
    }),
  };
}
