/** Profiles and follows. A follow is one document in a unique-indexed join collection. */
import type { Types } from 'mongoose';
import { Follow, User } from '../models';
import { NotFoundError, ValidationError } from '../utils/errors';
import { isDuplicateKeyError } from '../utils/mongo';
import { toProfileView } from './views';

async function findUserByUsername(username: string) {
  const user = await User.findOne({ username }).select('username bio image').lean();
  if (!user) throw new NotFoundError('profile');
  return user;
}

/** The subset of `userIds` that `viewerId` follows (one query, whatever the number of ids). */
export async function followedAmong(
  viewerId: string | undefined,
  userIds: Types.ObjectId[],
): Promise<Set<string>> {
  if (!viewerId || userIds.length === 0) return new Set();
  const follows = await Follow.find({ follower: viewerId, followee: { $in: userIds } })
    .select('followee')
    .lean();
  return new Set(follows.map((f) => f.followee.toString()));
}

/** The ids of every user `viewerId` follows. */
export async function followeeIds(viewerId: string): Promise<Types.ObjectId[]> {
  const follows = await Follow.find({ follower: viewerId }).select('followee').lean();
  return follows.map((f) => f.followee);
}

export async function getProfile(username: string, viewerId?: string) {
  const user = await findUserByUsername(username);
  const following = await followedAmong(viewerId, [user._id]);
  return toProfileView(user, following.has(user._id.toString()));
}

export async function followUser(viewerId: string, username: string) {
  const user = await findUserByUsername(username);
  if (user._id.toString() === viewerId)
    throw new ValidationError({ username: ['cannot follow yourself'] });
  try {
    await Follow.create({ follower: viewerId, followee: user._id });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err; // already following: idempotent
  }
  return toProfileView(user, true);
}

export async function unfollowUser(viewerId: string, username: string) {
  const user = await findUserByUsername(username);
  await Follow.deleteOne({ follower: viewerId, followee: user._id });
  return toProfileView(user, false);
}
