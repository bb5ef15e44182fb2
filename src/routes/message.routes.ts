import { Router } from 'express';
import type { RouteDeps } from './index';

/** Direct messages; new ones also arrive live over Socket.IO (src/realtime). */
export function messageRoutes({ auth, limits, controllers: { messages: c } }: RouteDeps) {
  const router = Router();
  router.get('/', auth.required, c.conversations);
  router.get('/:username/messages', auth.required, c.history);
  router.post('/:username/messages', auth.required, limits.messageWrites, c.send);
  return router;
}
