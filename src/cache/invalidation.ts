/**
 * What each domain event makes stale, in one place: a write anywhere publishes its event
 * and the cache forgets what it changed (in this process at once, in Redis and on other
 * instances right after). Counters are adjusted by the services that change them (they
 * answer with the new count), so they do not appear here.
 */
import type { EventBus } from '../events/event-bus';
import type { Cache } from './cache';
import { ARTICLE_LISTS, cacheKeys } from './keys';

export function subscribeInvalidation(events: EventBus, cache: Cache): void {
  // An article's own entry, every list page, and the tags it may have added or removed.
  const articleChanged = async (...keys: string[]) => {
    await Promise.all([
      cache.invalidate(...keys, cacheKeys.tags()),
      cache.invalidateGroup(ARTICLE_LISTS),
    ]);
  };
  events.subscribe('article.created', ({ slug }) => articleChanged(cacheKeys.article(slug)));
  events.subscribe('article.updated', ({ slug, previousSlug }) =>
    articleChanged(cacheKeys.article(slug), cacheKeys.article(previousSlug)),
  );
  events.subscribe('article.deleted', ({ slug, articleId }) =>
    articleChanged(cacheKeys.article(slug), cacheKeys.favoritesCount(articleId)),
  );

  events.subscribe('article.favorited', ({ userId }) =>
    cache.invalidate(cacheKeys.favoritedBy(userId)),
  );
  events.subscribe('article.unfavorited', ({ userId }) =>
    cache.invalidate(cacheKeys.favoritedBy(userId)),
  );
  events.subscribe('user.followed', ({ followerId }) =>
    cache.invalidate(cacheKeys.followees(followerId)),
  );
  events.subscribe('user.unfollowed', ({ followerId }) =>
    cache.invalidate(cacheKeys.followees(followerId)),
  );
  // A new username, bio or image: the profile and the old name's id; after a rename, also
  // the pages filtered by author name (the old name now matches nobody, or someone else).
  events.subscribe('user.updated', async ({ userId, username, previousUsername }) => {
    await cache.invalidate(cacheKeys.person(userId), cacheKeys.userId(previousUsername));
    if (username !== previousUsername) await cache.invalidateGroup(ARTICLE_LISTS);
  });
}
