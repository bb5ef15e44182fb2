import Joi from 'joi';
import { ROLES, USER_STATUSES, type Role } from '../models/user.model';
import type { Page } from '../queries/page';
import { USER_SORTS, type UserListFilter, type UserSort } from '../services/admin.service';
import { byUsername, pageQuery, pagination } from './common';
import { endpoint } from './endpoint';

export const listUsers = endpoint({
  summary: 'List users (admin)',
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
  ...onBan,
});
export const unban = endpoint({ summary: 'Unban a user (admin)', ...onBan });

export const auditLog = endpoint({
  summary: 'Audit log of admin actions (admin)',
  query: pageQuery,
  success: { status: 200, schema: 'AuditLogResponse' },
  errors: [403],
});
