/**
 * Baseline: Express 4 with this project's structure and nothing else — express-async-errors,
 * the health endpoint's own router and its typed, validating handler, mounted as app.ts
 * mounts it — but none of the middleware stack. Between bare Express and the API: what the
 * structure costs apart from the stack. Started by scripts/bench.ts; prints `listening <port>`.
 */
import 'express-async-errors';
import express from 'express';
import { createHealthController } from '../../src/controllers/health.controller';
import { healthRoutes } from '../../src/routes/health.routes';
import { createHealthService } from '../../src/services/health.service';

const health = createHealthController(createHealthService({ pingDatabase: async () => true }));
const app = express();
app.disable('x-powered-by');
app.use('/health', healthRoutes({ controllers: { health } }));
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`listening ${address.port}`);
});
