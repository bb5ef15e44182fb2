/** Reads of the follow graph that several services share. */
import type { Types } from 'mongoose';
import { Follow } from '../models';

/** The subset of `userIds` that `actorId` follows (one query, whatever the number of ids). */
export async function followedAmong(
  actorId: string | undefined,
  userIds: Types.ObjectId[],
): Promise<Set<string>> {
  if (!actorId || userIds.length === 0) return new Set();
  const follows = await Follow.find({ follower: actorId, followee: { $in: userIds } })
    .select('followee')
    .lean();
  return new Set(follows.map((f) => f.followee.toString()));
}

/** Whether `a` follows `b` and `b` follows `a`. */
export async function followEachOther(a: string, b: string): Promise<boolean> {
  const count = await Follow.countDocuments({
    $or: [
      { follower: a, followee: b },
      { follower: b, followee: a },
    ],
  });
  return count === 2;
}
