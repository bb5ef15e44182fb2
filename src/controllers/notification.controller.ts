import * as endpoints from '../endpoints/notification.endpoints';
import { currentActor } from '../middleware/auth';
import type { NotificationService } from '../services/notification.service';
import { handle } from './handle';

export function createNotificationController(notifications: NotificationService) {
  return {
    list: handle(endpoints.list, async ({ query: { unread, ...page } }, req, res) => {
      res.json(await notifications.list(currentActor(req).id, page, { unread }));
    }),

    update: handle(endpoints.update, async ({ params, body }, req, res) => {
      const notification = await notifications.update(currentActor(req).id, params.id, body);
      res.json({ notification });
    }),

    markAllRead: handle(endpoints.markAllRead, async (_input, req, res) => {
      res.json(await notifications.markAllRead(currentActor(req).id));
    }),
  };
}
