import Joi from 'joi';
import { ROLES, USER_STATUSES, type Role } from '../models/user.model';
import type { Page } from '../queries/page';
import { USER_SORTS, type UserListFilter, type UserSort } from '../services/admin.service';
import { byUsername, pageQuery, pagination } from './common';
import { endpoint } from './endpoint';

export const listUsers = endpoint({
  summary: 'List users (admin)',
  description:
    'Accounts with their role, status and verification, filtered by `role` and `status`, sorted by `sort` (newest first by default), paged with `limit` and `offset` (at most 100 a page). Nothing is cached: an admin always sees the current state.',
  query: Joi.object<UserListFilter & Page & { sort: UserSort }>({
    role: Joi.string().valid(...ROLES),
    status: Joi.string().valid(...USER_STATUSES),
    sort: Joi.string()
      .valid(...USER_SORTS)
      .default('-createdAt'),
    ...pagination,
  }),
  success: { status: 200, schema: 'AdminUsersResponse' },
  errors: [403],
});

export const changeRole = endpoint({
  summary: "Change a user's role (admin; not your own; never the last admin)",
  description:
    "Sets `user`, `moderator` or `admin`. The change takes effect on the user's next request (their token is checked against their current role), and is written to the audit log. You cannot change your own role, and the last admin cannot be demoted.",
  params: byUsername,
  body: Joi.object<{ role: Role }>({
    role: Joi.string()
      .valid(...ROLES)
      .required(),
  }),
  success: { status: 200, schema: 'AdminUserResponse' },
  errors: [403, 404],
});

/** Ban and unban take a username and answer the user as an admin sees them. */
const onBan = {
  params: byUsername,
  success: { status: 200, schema: 'AdminUserResponse' },
  errors: [403, 404],
} as const;

export const ban = endpoint({
  summary: 'Ban a user: no login, every credential revoked (admin)',
  description:
    'The user can no longer log in, and every token, refresh token, session and socket of theirs stops working at once; their articles and comments stay. You cannot ban yourself, and an admin must be demoted first. Written to the audit log.',
  ...onBan,
});
export const unban = endpoint({
  summary: 'Unban a user (admin)',
  description:
    'Lets a banned user log in again (their old tokens stay revoked). Written to the audit log.',
  ...onBan,
});

export const auditLog = endpoint({
  summary: 'Audit log of admin actions (admin)',
  description:
    'Who changed which role, banned or unbanned whom, and when, newest first (paged). Entries are only ever added.',
  query: pageQuery,
  success: { status: 200, schema: 'AuditLogResponse' },
  errors: [403],
});
