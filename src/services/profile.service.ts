/** Profiles and follows. A follow is one document in a unique-indexed join collection. */
import type { EventBus } from '../events/event-bus';
import { Follow } from '../models';
import { toProfileView } from '../presenters/profile.presenter';
import type { Reads } from '../queries/reads';
import { NotFoundError, ValidationError } from '../utils/errors';
import { isDuplicateKeyError } from '../utils/mongo';

const NONE: ReadonlySet<string> = new Set();

export function createProfileService({ events, reads }: { events: EventBus; reads: Reads }) {
  /** The user's public fields, by name (cached); 404 when there is no such user. */
  async function userNamed(username: string) {
    const id = await reads.userId(username);
    const found = (await reads.profiles([id])).get(id);
    if (!found) throw new NotFoundError('profile');
    return found;
  }

  const followeesOf = (actorId?: string) => (actorId ? reads.followeesOf(actorId) : NONE);

  return {
    async get(username: string, actorId?: string) {
      const [user, followees] = await Promise.all([userNamed(username), followeesOf(actorId)]);
      return toProfileView(user, followees.has(user.id));
    },

    /** Several profiles in `usernames` order; null for an unknown name. */
    async getMany(usernames: readonly string[], actorId?: string) {
      const ids = await Promise.all(usernames.map((name) => reads.findUserId(name)));
      const [profiles, followees] = await Promise.all([
        reads.profiles(ids.filter((id): id is string => id !== undefined)),
        followeesOf(actorId),
      ]);
      return ids.map((id) => {
        const user = id === undefined ? undefined : profiles.get(id);
        return user ? toProfileView(user, followees.has(user.id)) : null;
      });
    },

    /** Idempotent: following twice leaves one follow. */
    async follow(actorId: string, username: string) {
      const user = await userNamed(username);
      if (user.id === actorId) throw new ValidationError({ username: ['cannot follow yourself'] });
      try {
        await Follow.create({ follower: actorId, followee: user.id });
        await events.publish('user.followed', { followerId: actorId, followeeId: user.id });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err; // already following: nothing new happened
      }
      return toProfileView(user, true);
    },

    async unfollow(actorId: string, username: string) {
      const user = await userNamed(username);
      const { deletedCount } = await Follow.deleteOne({ follower: actorId, followee: user.id });
      if (deletedCount > 0)
        await events.publish('user.unfollowed', { followerId: actorId, followeeId: user.id });
      return toProfileView(user, false);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
