/**
 * The article index (src/cache/article-index.ts) on a real Redis: pages, tags, counts and
 * sets read from it; loaded once from its sources, then kept by the writes — also the
 * writes made while it was loading.
 */
import { randomUUID } from 'node:crypto';
import type { IndexedArticle, IndexSources } from '../../src/cache/article-index';
import { createCache, type Cache } from '../../src/cache/cache';
import type { RedisClient } from '../../src/db/redis';
import { readyRedisClient } from '../helpers/redis';

const caches: Cache[] = [];
afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.close()));
});

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const article = (
  id: string,
  minute: number,
  tagList: string[],
  authorId = 'ada',
): IndexedArticle => ({
  id,
  createdAt: at(minute),
  tagList,
  authorId,
});

/** An index on Redis whose sources answer `data` (and can be held, to write during a load). */
async function indexOn(
  redis: RedisClient,
  data: Partial<Record<keyof IndexSources, unknown[]>>,
  gate?: Promise<void>,
) {
  const source =
    <T>(items: T[] = []) =>
    async () => {
      await gate;
      return items;
    };
  const sources: IndexSources = {
    articles: source(data.articles as IndexedArticle[]),
    favorites: source(data.favorites as { userId: string; articleId: string }[]),
    follows: source(data.follows as { followerId: string; followeeId: string }[]),
  };
  const settings = { enabled: true, localMax: 100, localTtlMs: 60_000, sharedTtlSeconds: 60 };
  const cache = createCache(
    { ...settings, keyPrefix: `index-test-${randomUUID()}:` },
    { redis, sources },
  );
  caches.push(cache);
  await cache.ready();
  return cache.index;
}

const ARTICLES = [
  article('a1', 1, ['dragons'], 'ada'),
  article('a2', 2, ['dragons', 'training'], 'jake'),
  article('a3', 3, ['training'], 'ada'),
  article('a4', 4, ['node'], 'linus'),
];

describe('the article index', () => {
  it('is used only once loaded: until then every read says to ask the database', async () => {
    const redis = await readyRedisClient();
    const index = await indexOn(redis, { articles: ARTICLES });
    expect(await index.page({}, 10, 0)).toBeUndefined(); // starts the load
    await index.warm();
    expect(await index.page({}, 10, 0)).toEqual({ ids: ['a4', 'a3', 'a2', 'a1'], total: 4 });
  });

  it('answers pages newest first with the total: all, a tag, an author, a reader’s favorites, a feed', async () => {
    const redis = await readyRedisClient();
    const index = await indexOn(redis, {
      articles: ARTICLES,
      favorites: [
        { userId: 'reader', articleId: 'a1' },
        { userId: 'reader', articleId: 'a3' },
      ],
    });
    await index.warm();
    expect(await index.page({}, 2, 1)).toEqual({ ids: ['a3', 'a2'], total: 4 });
    expect(await index.page({ tag: 'training' }, 10, 0)).toEqual({ ids: ['a3', 'a2'], total: 2 });
    expect(await index.page({ authorId: 'ada' }, 10, 0)).toEqual({ ids: ['a3', 'a1'], total: 2 });
    expect(await index.page({ tag: 'dragons', authorId: 'ada' }, 10, 0)).toEqual({
      ids: ['a1'],
      total: 1,
    });
    expect(await index.page({ favoritedBy: 'reader' }, 10, 0)).toEqual({
      ids: ['a3', 'a1'],
      total: 2,
    });
    expect(await index.page({ authorIds: ['jake', 'linus'] }, 10, 0)).toEqual({
      ids: ['a4', 'a2'],
      total: 2,
    });
    expect(await index.page({ tag: 'nobody-uses-it' }, 10, 0)).toEqual({ ids: [], total: 0 });
  });

  it('orders equal creation times by id, newest id first, as the database sorts them', async () => {
    const redis = await readyRedisClient();
    const index = await indexOn(redis, { articles: [article('b1', 5, []), article('b2', 5, [])] });
    await index.warm();
    expect((await index.page({}, 10, 0))?.ids).toEqual(['b2', 'b1']);
  });

  it('lists tags by use, then by name, and forgets a tag no article has any more', async () => {
    const redis = await readyRedisClient();
    const index = await indexOn(redis, { articles: ARTICLES });
    await index.warm();
    expect(await index.tags()).toEqual(['dragons', 'training', 'node']);
    await index.removeArticle(ARTICLES[3]!);
    expect(await index.tags()).toEqual(['dragons', 'training']);
  });

  it('keeps pages, counts and sets true through writes', async () => {
    const redis = await readyRedisClient();
    const index = await indexOn(redis, {
      articles: ARTICLES,
      follows: [{ followerId: 'u', followeeId: 'ada' }],
    });
    await index.warm();
    await index.putArticle(article('a5', 5, ['node'], 'jake'));
    await index.putArticle(article('a2', 2, ['node'], 'jake'), ARTICLES[1]); // re-tagged
    expect(await index.page({ tag: 'node' }, 10, 0)).toEqual({ ids: ['a5', 'a4', 'a2'], total: 3 });
    expect(await index.page({ tag: 'training' }, 10, 0)).toEqual({ ids: ['a3'], total: 1 });

    await Promise.all(['u1', 'u2', 'u3'].map((u) => index.setFavorite(u, 'a5', true)));
    await index.setFavorite('u1', 'a5', true); // twice: still one
    expect(await index.favoritesCount('a5')).toBe(3);
    expect(await index.favoritesOf('u1')).toEqual(['a5']);
    await index.removeArticle(article('a5', 5, ['node'], 'jake'));
    expect(await index.favoritesCount('a5')).toBe(0);
    expect(await index.favoritesOf('u1')).toEqual([]); // gone from the readers' favorites too

    await index.setFollow('u', 'jake', true);
    await index.setFollow('u', 'ada', false);
    expect(await index.followeesOf('u')).toEqual(['jake']);
  });

  it('leaves to the writes what changed while it loaded: a deleted article stays deleted, a new one stays', async () => {
    const redis = await readyRedisClient();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const index = await indexOn(redis, { articles: ARTICLES }, gate); // a snapshot with a4
    const warming = index.warm();
    await new Promise((r) => setTimeout(r, 50)); // the load has read its snapshot... almost
    await index.removeArticle(ARTICLES[3]!); // a4 deleted meanwhile
    await index.putArticle(article('a9', 9, ['node'])); // a9 created meanwhile
    release();
    await warming;
    expect(await index.page({}, 10, 0)).toEqual({ ids: ['a9', 'a3', 'a2', 'a1'], total: 4 });
  });

  it('notices a Redis that lost the index, answers from the database meanwhile, and loads again', async () => {
    const redis = await readyRedisClient();
    const index = await indexOn(redis, { articles: ARTICLES });
    await index.warm();
    await redis.del(index.keys.complete('articles'), index.keys.all()); // e.g. a FLUSHALL
    expect(await index.page({}, 10, 0)).toBeUndefined();
    await index.warm();
    expect((await index.page({}, 10, 0))?.total).toBe(4);
  });
});
