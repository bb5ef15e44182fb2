/** Registration, login and the current user's account. */
import bcrypt from 'bcrypt';
import { config } from '../config';
import { User } from '../models';
import { ForbiddenError, UnauthorizedError, ValidationError, type ErrorMap } from '../utils/errors';
import { isDuplicateKeyError } from '../utils/mongo';
import { revokeAllSessions } from './refresh-token.service';
import { signAccessToken } from './token.service';
import { toUserView } from './views';

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
}

export interface UpdateUserInput {
  username?: string;
  email?: string;
  password?: string;
  bio?: string | null;
  image?: string | null;
}

// Compared against when the email is unknown, so both failures take as long (no user probing).
const DUMMY_HASH = bcrypt.hashSync('timing-equaliser', 4);

function viewWithFreshToken(user: Parameters<typeof toUserView>[0] & { tokenVersion?: number }) {
  return toUserView(user, signAccessToken(user._id.toString(), user.tokenVersion ?? 0));
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

export async function registerUser(input: RegisterInput) {
  const passwordHash = await bcrypt.hash(input.password, config.bcryptRounds);
  const user = await withUniqueFields(input, undefined, () =>
    User.create({ username: input.username, email: input.email, passwordHash }),
  );
  return viewWithFreshToken(user);
}

/** The user with these credentials; 401 otherwise (the same for unknown email and wrong password). */
export async function authenticateCredentials(email: string, password: string) {
  const user = await User.findOne({ email: email.toLowerCase() }).select('+passwordHash').lean();
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches)
    throw new UnauthorizedError('is invalid', 'email or password', 'INVALID_CREDENTIALS');
  if (user.status === 'banned') throw new ForbiddenError('this account is banned', 'user');
  return user;
}

export async function loginUser(email: string, password: string) {
  return viewWithFreshToken(await authenticateCredentials(email, password));
}

async function findUserOr401(userId: string) {
  const user = await User.findById(userId);
  // A valid token for a user that no longer exists authenticates nobody.
  if (!user) throw new UnauthorizedError('no longer exists', 'user');
  return user;
}

/** The account without a token (cookie sessions need none). */
export async function getAccount(userId: string) {
  const { email, username, bio, image } = await findUserOr401(userId);
  return { email, username, bio: bio ?? null, image: image ?? null };
}

export async function getCurrentUser(userId: string) {
  return viewWithFreshToken(await findUserOr401(userId));
}

export async function updateCurrentUser(userId: string, changes: UpdateUserInput) {
  const user = await findUserOr401(userId);
  const { password, ...fields } = changes;
  const renamed = {
    username: fields.username !== user.username ? fields.username : undefined,
    email: fields.email !== user.email ? fields.email : undefined,
  };
  user.set({
    ...fields,
    ...(fields.bio === '' && { bio: null }),
    ...(fields.image === '' && { image: null }),
  });
  if (password !== undefined) {
    user.passwordHash = await bcrypt.hash(password, config.bcryptRounds);
    user.tokenVersion += 1; // every token issued with the old password stops working
  }
  await withUniqueFields(renamed, userId, () => user.save());
  if (password !== undefined) await revokeAllSessions(userId);
  return viewWithFreshToken(user);
}
