import Joi from 'joi';
import type { Page } from '../queries/page';
import { pagination } from './common';
import { endpoint } from './endpoint';

export const list = endpoint({
  summary: 'Your notifications, newest first, with the unread count',
  query: Joi.object<Page & { unread: boolean }>({
    ...pagination,
    unread: Joi.boolean().default(false).description('Only the unread ones'),
  }),
  success: { status: 200, schema: 'NotificationsResponse' },
});

export const update = endpoint({
  summary: 'Change one notification (partial update: send only what changes)',
  params: Joi.object<{ id: string }>({ id: Joi.string().max(100).required() }),
  body: Joi.object<{ read?: boolean }>({ read: Joi.boolean().strict() }),
  success: { status: 200, schema: 'NotificationResponse' },
  errors: [404],
});

export const markAllRead = endpoint({
  summary: 'Mark every notification read',
  body: Joi.object<{ read?: true }>({
    read: Joi.boolean().strict().valid(true).description('Optional; only `true` is meaningful'),
  }),
  success: { status: 200, schema: 'MarkAllReadResponse' },
});
