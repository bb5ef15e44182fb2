/**
 * Filling a part of the article index from the database — once, the first time a read
 * needs it (or at start-up). One instance loads (a lock in Redis); the others read the
 * database meanwhile. Writes go on during the load and win: the load adds only members no
 * write touched meanwhile (./article-index.ts notes them).
 */
import { logger } from '../utils/logger';
import {
  score,
  type IndexKeys,
  type IndexPart,
  type IndexSources,
  type IndexedArticle,
} from './index-keys';
import type { SharedLink } from './shared-link';

// Adds loaded members, but none that a write touched while the part was loading.
// ARGV: the touched member, then the commands for it: count, (command, key, score?, member)...
const LOAD_BATCH = `local touched = KEYS[1]; local i = 1
while i <= #ARGV do
  local member = ARGV[i]; local count = tonumber(ARGV[i + 1]); i = i + 2
  local skip = redis.call('sismember', touched, member) == 1
  for _ = 1, count do
    if not skip then
      if ARGV[i] == 'z' then redis.call('zadd', ARGV[i + 1], ARGV[i + 2], ARGV[i + 3])
      else redis.call('sadd', ARGV[i + 1], ARGV[i + 3]) end
    end
    i = i + 4
  end
end`;
const LOAD_LOCK_SECONDS = 300;
const BATCH = 500;

export function createIndexLoader(link: SharedLink, keys: IndexKeys, sources: IndexSources) {
  /** The commands that put one article in its sets, as LOAD_BATCH reads them. */
  const articleCommands = (a: IndexedArticle) => [
    ...['z', keys.all(), score(a.createdAt), a.id],
    ...['z', keys.author(a.authorId), score(a.createdAt), a.id],
    ...a.tagList.flatMap((tag) => [
      'z',
      keys.tag(tag),
      score(a.createdAt),
      a.id,
      's',
      keys.tags(),
      0,
      tag,
    ]),
  ];
  const commandsOf: Record<IndexPart, () => Promise<[string, (string | number)[]][]>> = {
    articles: async () => (await sources.articles()).map((a) => [a.id, articleCommands(a)]),
    favorites: async () =>
      (await sources.favorites()).map(({ userId, articleId }) => [
        `${userId}|${articleId}`,
        ['s', keys.favoriters(articleId), 0, userId, 's', keys.favorites(userId), 0, articleId],
      ]),
    follows: async () =>
      (await sources.follows()).map(({ followerId, followeeId }) => [
        `${followerId}|${followeeId}`,
        ['s', keys.followees(followerId), 0, followeeId],
      ]),
  };

  /**
   * Fills a part from the database, unless another instance is at it (readers use the
   * database until it is done). A load that fails lets the next read try again.
   */
  return async function load(part: IndexPart): Promise<void> {
    const locked = await link.run((c) =>
      c.set(keys.lock(part), '1', 'EX', LOAD_LOCK_SECONDS, 'NX'),
    );
    if (locked !== 'OK') return;
    try {
      const members = await commandsOf[part]();
      for (let i = 0; i < members.length; i += BATCH) {
        const argv = members
          .slice(i, i + BATCH)
          .flatMap(([member, commands]) => [member, commands.length / 4, ...commands]);
        const done = await link.run(
          (c) => c.eval(LOAD_BATCH, 1, keys.touched(part), ...argv),
          true,
        );
        if (done === undefined) return; // Redis went away: a new epoch loads again
      }
      await link.run((c) =>
        c.multi().set(keys.complete(part), '1').del(keys.touched(part), keys.lock(part)).exec(),
      );
      logger.info('article index loaded', { part, members: members.length });
    } catch (err) {
      await link.run((c) => c.del(keys.lock(part)));
      logger.warn('article index load failed: lists read the database meanwhile', {
        part,
        error: (err as Error).message,
      });
    }
  };
}
