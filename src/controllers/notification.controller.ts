import * as s from '../endpoints/notification.endpoints';
import { currentUserId } from '../middleware/auth';
import type { NotificationService } from '../services/notification.service';
import { handle } from './handle';

export function createNotificationController(notifications: NotificationService) {
  return {
    list: handle(s.list, async ({ query: { unread, ...page } }, req, res) => {
      res.json(await notifications.list(currentUserId(req), page, { unread }));
    }),

    update: handle(s.update, async ({ params, body }, req, res) => {
      const notification = await notifications.update(currentUserId(req), params.id, body);
      res.json({ notification });
    }),

    markAllRead: handle(s.markAllRead, async (_input, req, res) => {
      res.json(await notifications.markAllRead(currentUserId(req)));
    }),
  };
}
