/** Profiles and follows. A follow is one document in a unique-indexed join collection. */
import type { EventBus } from '../events/event-bus';
import { Follow, User } from '../models';
import { PROFILE_FIELDS, toProfileView } from '../presenters/profile.presenter';
import { followedAmong } from '../queries/follows';
import { userByUsername } from '../queries/lookups';
import { ValidationError } from '../utils/errors';
import { isDuplicateKeyError } from '../utils/mongo';

export function createProfileService({ events }: { events: EventBus }) {
  return {
    async get(username: string, viewerId?: string) {
      const user = await userByUsername(username, PROFILE_FIELDS);
      const following = await followedAmong(viewerId, [user._id]);
      return toProfileView(user, following.has(user._id.toString()));
    },

    /** Several profiles in two queries, in `usernames` order; null for an unknown name. */
    async getMany(usernames: readonly string[], viewerId?: string) {
      const users = await User.find({ username: { $in: usernames } })
        .select(PROFILE_FIELDS)
        .lean();
      const following = await followedAmong(
        viewerId,
        users.map((u) => u._id),
      );
      const byName = new Map(users.map((u) => [u.username, u]));
      return usernames.map((name) => {
        const user = byName.get(name);
        return user ? toProfileView(user, following.has(user._id.toString())) : null;
      });
    },

    /** Idempotent: following twice leaves one follow. */
    async follow(viewerId: string, username: string) {
      const user = await userByUsername(username, PROFILE_FIELDS);
      if (user._id.toString() === viewerId)
        throw new ValidationError({ username: ['cannot follow yourself'] });
      try {
        await Follow.create({ follower: viewerId, followee: user._id });
        events.publish('user.followed', { followerId: viewerId, followeeId: user._id.toString() });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err; // already following: nothing new happened
      }
      return toProfileView(user, true);
    },

    async unfollow(viewerId: string, username: string) {
      const user = await userByUsername(username, PROFILE_FIELDS);
      await Follow.deleteOne({ follower: viewerId, followee: user._id });
      return toProfileView(user, false);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
