import * as s from '../endpoints/message.endpoints';
import { validate } from '../middleware/validate';
import { documentedRouter } from './documented-router';
import type { RouteDeps } from './index';

/** Direct messages; new ones also arrive live over Socket.IO (src/realtime). */
export function messageRoutes({ auth, limits, controllers: { messages: c } }: RouteDeps) {
  const router = documentedRouter();

  router.get('/', auth.required, validate(s.conversations), c.conversations);
  router.get('/:username/messages', auth.required, validate(s.history), c.history);
  router.post('/:username/messages', auth.required, limits.messageWrites, validate(s.send), c.send);

  return router;
}
