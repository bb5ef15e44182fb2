/** The shapes of a user: the RealWorld `user` (with a token), the account, the admin view. */
import type { Types } from 'mongoose';

export interface AccountFields {
  _id: Types.ObjectId;
  username: string;
  email: string;
  bio?: string | null;
  image?: string | null;
}

/** The signed-in user's own account, without a token (cookie sessions need none). */
export function toAccountView(user: AccountFields) {
  return {
    email: user.email,
    username: user.username,
    bio: user.bio ?? null,
    image: user.image ?? null,
  };
}

/** The RealWorld `user` object: the account and a token to send as `Authorization: Token …`. */
export function toUserView(user: AccountFields, token: string) {
  const { email, ...rest } = toAccountView(user);
  return { email, token, ...rest };
}

export function toAdminUserView(
  user: AccountFields & {
    role?: string | null;
    status?: string | null;
    emailVerified?: boolean | null;
    createdAt?: Date;
  },
) {
  return {
    username: user.username,
    email: user.email,
    role: user.role ?? 'user',
    status: user.status ?? 'active',
    emailVerified: user.emailVerified ?? false,
    createdAt: (user.createdAt ?? new Date(0)).toISOString(),
  };
}
