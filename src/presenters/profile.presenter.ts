import type { Types } from 'mongoose';

/** The user fields a profile needs (what `populate('author', PROFILE_FIELDS)` loads). */
export interface ProfileFields {
  _id: Types.ObjectId;
  username: string;
  bio?: string | null;
  image?: string | null;
}

export const PROFILE_FIELDS = 'username bio image';

export interface ProfileView {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

/** A profile as one actor sees it: `following` is whether that actor follows the user. */
export function toProfileView(
  user: Pick<ProfileFields, 'username' | 'bio' | 'image'>,
  following: boolean,
): ProfileView {
  return { username: user.username, bio: user.bio ?? null, image: user.image ?? null, following };
}
