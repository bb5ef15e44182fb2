/** The admin API's use cases: list users, change roles, ban and unban. Every change is audited. */
import { User, type Role, type UserStatus } from '../models';
import { ForbiddenError, NotFoundError, ValidationError } from '../utils/errors';
import { recordAdminAction } from './audit.service';
import type { Actor } from './permissions';
import { revokeAllSessions } from './refresh-token.service';

export interface UserListQuery {
  role?: Role;
  status?: UserStatus;
  sort: string;
  limit: number;
  offset: number;
}

const SORTS: Record<string, Record<string, 1 | -1>> = {
  createdAt: { createdAt: 1, _id: 1 },
  '-createdAt': { createdAt: -1, _id: -1 },
  username: { username: 1 },
  '-username': { username: -1 },
};
export const USER_SORTS = Object.keys(SORTS);

function toAdminUserView(user: {
  _id: { toString(): string };
  username: string;
  email: string;
  role?: string | null;
  status?: string | null;
  emailVerified?: boolean | null;
  createdAt?: Date;
}) {
  return {
    username: user.username,
    email: user.email,
    role: user.role ?? 'user',
    status: user.status ?? 'active',
    emailVerified: user.emailVerified ?? false,
    createdAt: (user.createdAt as Date).toISOString(),
  };
}

export async function listUsers(query: UserListQuery) {
  const filter: Record<string, unknown> = {};
  if (query.role) filter.role = query.role;
  if (query.status) filter.status = query.status;
  const [usersCount, users] = await Promise.all([
    User.countDocuments(filter),
    User.find(filter).sort(SORTS[query.sort]).skip(query.offset).limit(query.limit).lean(),
  ]);
  return { users: users.map(toAdminUserView), usersCount };
}

async function actingAdmin(actor: Actor) {
  const me = await User.findById(actor.id).select('username').lean();
  if (!me) throw new NotFoundError('user');
  return { ...actor, username: me.username };
}

async function targetUser(username: string) {
  const user = await User.findOne({ username });
  if (!user) throw new NotFoundError('user');
  return user;
}

export async function changeRole(actor: Actor, username: string, role: Role) {
  const [admin, user] = await Promise.all([actingAdmin(actor), targetUser(username)]);
  // Nobody changes their own role: no self-promotion, and no admin locks themselves out.
  if (user._id.toString() === actor.id)
    throw new ForbiddenError('you cannot change your own role', 'role');
  if (
    user.role === 'admin' &&
    role !== 'admin' &&
    (await User.countDocuments({ role: 'admin' })) <= 1
  ) {
    throw new ValidationError({ role: ['the last admin cannot be demoted'] });
  }
  const from = user.role;
  user.role = role;
  await user.save();
  // No transactions on FerretDB v1: if concurrent demotions left no admin, undo this one.
  if (from === 'admin' && (await User.countDocuments({ role: 'admin' })) === 0) {
    await User.updateOne({ _id: user._id }, { $set: { role: 'admin' } });
    throw new ValidationError({ role: ['the last admin cannot be demoted'] });
  }
  await recordAdminAction(admin, 'user.role.change', username, { from, to: role });
  return toAdminUserView(user);
}

export async function setBanned(actor: Actor, username: string, banned: boolean) {
  const [admin, user] = await Promise.all([actingAdmin(actor), targetUser(username)]);
  if (user._id.toString() === actor.id) throw new ForbiddenError('you cannot ban yourself', 'user');
  if (banned && user.role === 'admin')
    throw new ForbiddenError('demote an admin before banning them', 'user');
  user.status = banned ? 'banned' : 'active';
  if (banned) user.tokenVersion += 1; // every access token stops working at once
  await user.save();
  if (banned) await revokeAllSessions(user._id.toString());
  await recordAdminAction(admin, banned ? 'user.ban' : 'user.unban', username);
  return toAdminUserView(user);
}
