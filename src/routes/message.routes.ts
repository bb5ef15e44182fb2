import { Router } from 'express';
import type { RouteDeps } from './index';

/** Direct messages; new ones also arrive live over Socket.IO (src/realtime). */
export function messageRoutes({ auth, limits, controllers: { messages } }: RouteDeps) {
  const router = Router();
  router.get('/', auth.required, messages.conversations);
  router.get('/:username/messages', auth.required, messages.history);
  router.post('/:username/messages', auth.required, limits.messageWrites, messages.send);
  return router;
}
