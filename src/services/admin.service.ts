/** The admin API's use cases: list users, change roles, ban and unban. Every change is audited. */
import type { EventBus } from '../events/event-bus';
import type { Actor } from '../domain/permissions';
import { changeUser, User, type Role, type UserStatus } from '../models';
import { toAdminUserView } from '../presenters/user.presenter';
import { userByUsername } from '../queries/lookups';
import { findPage, type Page } from '../queries/page';
import { ForbiddenError, NotFoundError, ValidationError } from '../utils/errors';
import type { AuditService } from './audit.service';
import type { CredentialService } from './credential.service';

export interface UserListFilter {
  role?: Role;
  status?: UserStatus;
}

export const USER_SORTS = ['createdAt', '-createdAt', 'username', '-username'] as const;
export type UserSort = (typeof USER_SORTS)[number];

const SORTS: Record<UserSort, Record<string, 1 | -1>> = {
  createdAt: { createdAt: 1, _id: 1 },
  '-createdAt': { createdAt: -1, _id: -1 },
  username: { username: 1 },
  '-username': { username: -1 },
};

const lastAdminError = () => new ValidationError({ role: ['the last admin cannot be demoted'] });

export function createAdminService(deps: {
  audit: AuditService;
  credentials: CredentialService;
  events: EventBus;
}) {
  async function actingAdmin(actor: Actor) {
    const me = await User.findById(actor.id).select('username').lean();
    if (!me) throw new NotFoundError('user');
    return { ...actor, username: me.username };
  }

  const target = (username: string) => userByUsername(username, undefined, 'user');

  return {
    async listUsers(filter: UserListFilter, sort: UserSort, page: Page) {
      const query = {
        ...(filter.role && { role: filter.role }),
        ...(filter.status && { status: filter.status }),
      };
      const { items, total } = await findPage(User, query, page, (q) => q.sort(SORTS[sort]).lean());
      return { users: items.map(toAdminUserView), usersCount: total };
    },

    async changeRole(actor: Actor, username: string, role: Role) {
      const [admin, user] = await Promise.all([actingAdmin(actor), target(username)]);
      // Nobody changes their own role: no self-promotion, and no admin locks themselves out.
      if (user._id.toString() === actor.id)
        throw new ForbiddenError('you cannot change your own role', 'role');
      const demotesAdmin = user.role === 'admin' && role !== 'admin';
      if (demotesAdmin && (await User.countDocuments({ role: 'admin' })) <= 1)
        throw lastAdminError();
      const from = user.role;
      user.role = role;
      await user.save();
      // No transactions on FerretDB v1: if concurrent demotions left no admin, undo this one.
      if (demotesAdmin && (await User.countDocuments({ role: 'admin' })) === 0) {
        await User.updateOne({ _id: user._id }, { $set: { role: 'admin' } });
        throw lastAdminError();
      }
      await deps.events.publish('user.access-changed', { userId: user._id.toString() });
      await deps.audit.record(admin, 'user.role.change', username, { from, to: role });
      return toAdminUserView(user);
    },

    async setBanned(actor: Actor, username: string, banned: boolean) {
      const [admin, user] = await Promise.all([actingAdmin(actor), target(username)]);
      if (user._id.toString() === actor.id)
        throw new ForbiddenError('you cannot ban yourself', 'user');
      if (banned && user.role === 'admin')
        throw new ForbiddenError('demote an admin before banning them', 'user');
      const status = banned ? 'banned' : 'active';
      // A ban ends every credential of the account at once.
      const written = banned
        ? await deps.credentials.revokeAll(user._id.toString(), { status })
        : await changeUser(user._id, { $set: { status } });
      if (!banned)
        await deps.events.publish('user.access-changed', { userId: user._id.toString() });
      await deps.audit.record(admin, banned ? 'user.ban' : 'user.unban', username);
      return toAdminUserView(written ?? user);
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
