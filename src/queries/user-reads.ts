/**
 * Users through the read cache: public profiles, ids by username, each user's access (what
 * decides whether their token still lets them in), and whom each favorited and follows —
 * from the article index when it is loaded, else the database.
 */
import type { Types } from 'mongoose';
import type { Cache } from '../cache/cache';
import {
  cacheKeys as keys,
  localKeys,
  type CacheKey,
  type CachedAccess,
  type CachedProfile,
} from '../cache/keys';
import { Favorite, Follow, User } from '../models';
import { NotFoundError } from '../utils/errors';
import { byId, findByIds } from './by-id';

const toCachedProfile = (u: {
  _id: Types.ObjectId;
  username: string;
  bio?: string | null;
  image?: string | null;
}) => ({
  id: u._id.toString(),
  username: u.username,
  bio: u.bio ?? null,
  image: u.image ?? null,
});

const LOCAL = { shared: false };

export function createUserReads({ values, index }: Pick<Cache, 'values' | 'index'>) {
  const userId = (username: string, what = 'profile') =>
    values.read(keys.userId(username), async () => {
      const user = await User.findOne({ username }).select('_id').lean();
      if (!user) throw new NotFoundError(what);
      return user._id.toString();
    });

  /** Ids from the index when it is loaded, else the database; kept in this process. */
  const idSet = async (
    key: CacheKey<string[]>,
    fromIndex: () => Promise<string[] | undefined>,
    fromDatabase: () => Promise<string[]>,
  ) => new Set(await values.read(key, async () => (await fromIndex()) ?? fromDatabase(), LOCAL));

  /** The ids of the articles the user favorited. */
  const favoritesOf = (userId: string) =>
    idSet(
      localKeys.favoritesOf(userId),
      () => index.favoritesOf(userId),
      async () =>
        (await Favorite.find({ user: userId }).select('article').lean()).map((f) =>
          f.article.toString(),
        ),
    );

  return {
    /** Public profile fields by user id (unknown ids left out). */
    async profiles(ids: readonly string[]): Promise<Map<string, CachedProfile>> {
      const unique = [...new Set(ids)];
      const found = await values.readMany(unique.map(keys.profile), async (missing) => {
        const wanted = unique.filter((id) => missing.includes(keys.profile(id)));
        const users = await findByIds(User, wanted, 'username bio image');
        return new Map(users.map((u) => [keys.profile(u._id.toString()), toCachedProfile(u)]));
      });
      return byId(unique, keys.profile, found);
    },

    /** The id of the user with this name; 404 naming `what` when there is none. */
    userId,

    /** The id of the user with this name, or undefined: a filter by an unknown name matches nothing. */
    async findUserId(username: string) {
      try {
        return await userId(username);
      } catch (err) {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }
    },

    /** What decides whether the user's token still lets them in; undefined: no such user. */
    access: (userId: string) =>
      values.read(keys.access(userId), async (): Promise<CachedAccess | null> => {
        const user = await User.findById(userId).select('role status tokenVersion').lean();
        return (
          user && {
            role: user.role,
            status: user.status ?? null,
            tokenVersion: user.tokenVersion ?? 0,
          }
        );
      }),

    favoritesOf,

    /** The ids of the users the user follows. */
    followeesOf: (userId: string) =>
      idSet(
        localKeys.followeesOf(userId),
        () => index.followeesOf(userId),
        async () =>
          (await Follow.find({ follower: userId }).select('followee').lean()).map((f) =>
            f.followee.toString(),
          ),
      ),
  };
}
