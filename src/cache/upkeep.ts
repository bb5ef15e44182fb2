/**
 * What each write changes in the read cache, in one place. It runs as part of the write
 * (`events.maintain`: the answer waits for it), so the writer reads its own write, and it
 * reaches the other instances before that answer leaves: the article index is in Redis,
 * which they all read; the values they keep locally are dropped by a message on the
 * cache's channel (milliseconds; CACHE_LOCAL_TTL_MS at most if one is lost).
 *
 * Why not simply forget every list on every write: a list that is not cached has to be
 * read from the database, and on the embedded database that means reading every article.
 * With one article published a second and readers on the first pages, that is what
 * readers waited for (docs/PERFORMANCE.md). Here a write changes a few members of a few
 * sets in the index; only the small local copies of pages are dropped, and computing
 * them again from the index costs one Redis round trip.
 */
import type { EventBus } from '../events/event-bus';
import type { Cache } from './cache';
import { cacheKeys, LISTS, localKeys } from './keys';

export function subscribeUpkeep(events: EventBus, { index, values }: Cache): void {
  events.maintain('article.created', async ({ article }) => {
    await index.putArticle(article);
    await Promise.all([
      values.write(cacheKeys.article(article.id), article),
      values.write(cacheKeys.articleId(article.slug), article.id),
      values.invalidate([], [LISTS]),
    ]);
  });
  events.maintain('article.updated', async ({ article, before }) => {
    await index.putArticle(article, before);
    const renamed = article.slug !== before.slug;
    await Promise.all([
      values.write(cacheKeys.article(article.id), article),
      renamed && values.write(cacheKeys.articleId(article.slug), article.id),
      values.invalidate(
        [cacheKeys.articleBody(article.id), ...(renamed ? [cacheKeys.articleId(before.slug)] : [])],
        [LISTS],
      ),
    ]);
  });
  events.maintain('article.deleted', async ({ article }) => {
    await index.removeArticle(article);
    await values.invalidate(
      [
        cacheKeys.article(article.id),
        cacheKeys.articleId(article.slug),
        localKeys.favoritesCount(article.id),
      ],
      [LISTS],
    );
  });

  // A favorite changes the count, the favoriter's favorites, and the pages filtered by that favoriter.
  const favorite =
    (on: boolean) =>
    async ({ articleId, userId }: { articleId: string; userId: string }) => {
      await index.setFavorite(userId, articleId, on);
      await values.invalidate(
        [localKeys.favoritesCount(articleId), localKeys.favoritesOf(userId)],
        [LISTS],
      );
    };
  events.maintain('article.favorited', favorite(true));
  events.maintain('article.unfavorited', favorite(false));

  // A follow changes the follower's followees and their feed.
  const follow =
    (on: boolean) =>
    async ({ followerId, followeeId }: { followerId: string; followeeId: string }) => {
      await index.setFollow(followerId, followeeId, on);
      await values.invalidate([localKeys.followeesOf(followerId)], [LISTS]);
    };
  events.maintain('user.followed', follow(true));
  events.maintain('user.unfollowed', follow(false));

  // A new username, bio or image: the profile, and the old name's id.
  events.maintain('user.updated', ({ userId, previousUsername }) =>
    values.invalidate([cacheKeys.profile(userId), cacheKeys.userId(previousUsername)]),
  );
  // A role, a status or the token version changed: the next request reads them afresh.
  const access = ({ userId }: { userId: string }) => values.invalidate([cacheKeys.access(userId)]);
  events.maintain('credentials.revoked', access);
  events.maintain('user.access-changed', access);
}
