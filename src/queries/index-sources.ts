/**
 * Where the article index (src/cache/article-index.ts) is loaded from: every article's
 * place in the lists, every favorite, every follow. Each is one read of a whole collection
 * (only the fields the index needs), done once when the index is first filled — after
 * that, the writes keep it.
 */
import type { IndexSources } from '../cache/article-index';
import { Article, Favorite, Follow } from '../models';

export const indexSources: IndexSources = {
  async articles() {
    const articles = await Article.find({}, { createdAt: 1, tagList: 1, author: 1 }).lean();
    return articles.map((a) => ({
      id: a._id.toString(),
      createdAt: a.createdAt.toISOString(),
      tagList: a.tagList,
      authorId: a.author.toString(),
    }));
  },
  async favorites() {
    const favorites = await Favorite.find({}, { user: 1, article: 1 }).lean();
    return favorites.map((f) => ({ userId: f.user.toString(), articleId: f.article.toString() }));
  },
  async follows() {
    const follows = await Follow.find({}, { follower: 1, followee: 1 }).lean();
    return follows.map((f) => ({
      followerId: f.follower.toString(),
      followeeId: f.followee.toString(),
    }));
  },
};
