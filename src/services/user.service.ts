/** Registration, login and the current user's account. */
import { assertActive } from '../domain/account';
import { assertStrongPassword } from '../domain/password-policy';
import type { EventBus } from '../events/event-bus';
import { User } from '../models';
import { toAccountView, toUserView } from '../presenters/user.presenter';
import { UnauthorizedError, ValidationError, type ErrorMap } from '../utils/errors';
import { isDuplicateKeyError } from '../utils/mongo';
import type { AccessTokenService } from './access-token.service';
import type { CredentialService } from './credential.service';
import type { PasswordService } from './password.service';

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
}

export interface UserChanges {
  username?: string;
  email?: string;
  password?: string;
  bio?: string | null;
  image?: string | null;
}

export interface Credentials {
  email: string;
  password: string;
}

interface Deps {
  passwords: PasswordService;
  accessTokens: AccessTokenService;
  credentials: CredentialService;
  events: EventBus;
}

/** 422 naming each of `username`/`email` that another user already has. */
async function assertAvailable(fields: { username?: string; email?: string }, exceptId?: string) {
  const or = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ({ [key]: value }));
  if (or.length === 0) return;
  const taken = await User.find({ $or: or, ...(exceptId && { _id: { $ne: exceptId } }) })
    .select('username email')
    .lean();
  const errors: ErrorMap = {};
  for (const other of taken) {
    if (fields.username !== undefined && other.username === fields.username)
      errors.username = ['is already taken'];
    if (fields.email !== undefined && other.email === fields.email)
      errors.email = ['is already taken'];
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

/** Runs a write guarded by unique indexes; a lost race is reported like a taken name. */
async function withUniqueFields<T>(
  fields: { username?: string; email?: string },
  exceptId: string | undefined,
  write: () => Promise<T>,
) {
  await assertAvailable(fields, exceptId);
  try {
    return await write();
  } catch (err) {
    if (isDuplicateKeyError(err)) await assertAvailable(fields, exceptId);
    throw err;
  }
}

export function createUserService({ passwords, accessTokens, credentials, events }: Deps) {
  const withToken = (user: Parameters<typeof toUserView>[0] & { tokenVersion?: number }) =>
    toUserView(user, accessTokens.signUserToken(user));

  async function findOr401(userId: string) {
    const user = await User.findById(userId);
    // A valid token for a user that no longer exists authenticates nobody.
    if (!user) throw new UnauthorizedError('no longer exists', 'user');
    return user;
  }

  /** The user with these credentials; 401 otherwise (the same for unknown email and wrong password). */
  async function authenticate({ email, password }: Credentials) {
    const user = await User.findOne({ email: email.toLowerCase() }).select('+passwordHash').lean();
    if (!(await passwords.matches(password, user?.passwordHash)) || !user)
      throw new UnauthorizedError('is invalid', 'email or password', 'INVALID_CREDENTIALS');
    assertActive(user);
    return user;
  }

  return {
    authenticate,

    async register(input: RegisterInput) {
      assertStrongPassword(input.password, [input.username, input.email]);
      const passwordHash = await passwords.hash(input.password);
      const user = await withUniqueFields(input, undefined, () =>
        User.create({ username: input.username, email: input.email, passwordHash }),
      );
      events.publish('user.registered', { userId: user._id.toString(), email: user.email });
      return withToken(user);
    },

    login: async (credentials: Credentials) => withToken(await authenticate(credentials)),

    /** The RealWorld user, with a fresh token. */
    current: async (userId: string) => withToken(await findOr401(userId)),

    /** The account without a token (cookie sessions need none). */
    account: async (userId: string) => toAccountView(await findOr401(userId)),

    /** A new password revokes every credential; the answer carries a token that still works. */
    async update(userId: string, changes: UserChanges) {
      const user = await findOr401(userId);
      const previousUsername = user.username;
      const { password, ...fields } = changes;
      if (password !== undefined)
        assertStrongPassword(password, [
          fields.username ?? user.username,
          fields.email ?? user.email,
        ]);
      const renamed = {
        username: fields.username !== user.username ? fields.username : undefined,
        email: fields.email !== user.email ? fields.email : undefined,
      };
      user.set({
        ...fields,
        ...(fields.bio === '' && { bio: null }),
        ...(fields.image === '' && { image: null }),
      });
      await withUniqueFields(renamed, userId, () => user.save());
      await events.publish('user.updated', { userId, username: user.username, previousUsername });
      if (password === undefined) return withToken(user);
      const revoked = await credentials.revokeAll(userId, {
        passwordHash: await passwords.hash(password),
      });
      return withToken(revoked ?? user);
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
