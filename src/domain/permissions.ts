/**
 * Role-based access control in one place: each role's permissions. Names read
 * `resource:action[:scope]`; `:any` lets a role act on what others own.
 */
import type { Role } from '../models';

export type { Role };

const USER = [
  'articles:create',
  'articles:update:own',
  'articles:delete:own',
  'comments:create',
  'comments:delete:own',
  'profiles:follow',
] as const;

const MODERATOR = [...USER, 'articles:delete:any', 'comments:delete:any'] as const;

const ADMIN = [
  ...MODERATOR,
  'users:read',
  'users:update-role',
  'users:ban',
  'audit-log:read',
] as const;

export type Permission = (typeof ADMIN)[number];

const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  user: new Set(USER),
  moderator: new Set(MODERATOR),
  admin: new Set(ADMIN),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.has(permission) ?? false;
}

/** The roles that have `permission` (for documents: "admins", "moderators and admins"). */
export const rolesWith = (permission: Permission): Role[] =>
  (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) => can(role, permission));

/** The signed-in user a service acts for. */
export interface Actor {
  id: string;
  role: Role;
}
