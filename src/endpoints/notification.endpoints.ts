import Joi from 'joi';
import type { Page } from '../queries/page';
import { pagination } from './common';
import { endpoint } from './endpoint';

export const list = endpoint({
  summary: 'Your notifications, newest first, with the unread count',
  description:
    'Follows, favorites and comments on your articles, each with who did it and, where there is one, the article. `unreadCount` counts all of yours, not only this page.',
  query: Joi.object<Page & { unread: boolean }>({
    ...pagination,
    unread: Joi.boolean().default(false).description('Only the unread ones'),
  }),
  success: { status: 200, schema: 'NotificationsResponse' },
});

export const update = endpoint({
  summary: 'Change one notification (partial update: send only what changes)',
  description:
    "A partial update (PATCH): send only `read`. Someone else's notification answers 404, as if it did not exist.",
  params: Joi.object<{ id: string }>({ id: Joi.string().max(100).required() }),
  body: Joi.object<{ read?: boolean }>({ read: Joi.boolean().strict() }),
  success: { status: 200, schema: 'NotificationResponse' },
  errors: [404],
});

export const markAllRead = endpoint({
  summary: 'Mark every notification read',
  description: 'Marks every unread notification of yours read in one write.',
  body: Joi.object<{ read?: true }>({
    read: Joi.boolean().strict().valid(true).description('Optional; only `true` is meaningful'),
  }),
  success: { status: 200, schema: 'MarkAllReadResponse' },
});
