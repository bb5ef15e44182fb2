/** Articles: create, read, update, delete, lists and the feed. */
import type { Types } from 'mongoose';
import { Article, Comment, Favorite, User, type ArticleDoc } from '../models';
import { ForbiddenError, NotFoundError } from '../utils/errors';
import { isDuplicateKeyError } from '../utils/mongo';
import { favoriteArticle, favoriteStats, unfavoriteArticle } from './favorite.service';
import { can, type Actor } from './permissions';
import { followedAmong, followeeIds } from './profile.service';
import { slugFromTitle, uniqueSlugVariant } from './slug';
import { toArticleView, toProfileView, type ArticleView, type PersonFields } from './views';

export interface ArticleInput {
  title: string;
  description: string;
  body: string;
  tagList?: string[];
}

export interface ListQuery {
  tag?: string;
  author?: string;
  favorited?: string;
  limit: number;
  offset: number;
}

type StoredArticle = Omit<ArticleDoc, 'author'> & { author: PersonFields };

const AUTHOR_FIELDS = 'username bio image';

/**
 * Turns stored articles into views with a constant number of queries, however many
 * articles there are: favorites counts, the viewer's favorites, the viewer's follows.
 */
async function present(articles: StoredArticle[], viewerId: string | undefined, withBody: boolean) {
  const ids = articles.map((a) => a._id);
  const [stats, following] = await Promise.all([
    favoriteStats(ids, viewerId),
    followedAmong(
      viewerId,
      articles.map((a) => a.author._id),
    ),
  ]);
  return articles.map((article) =>
    toArticleView(article, {
      author: toProfileView(article.author, following.has(article.author._id.toString())),
      favorited: stats.favoritedByViewer.has(article._id.toString()),
      favoritesCount: stats.counts.get(article._id.toString()) ?? 0,
      withBody,
    }),
  );
}

async function findArticleOr404(slug: string) {
  const article = await Article.findOne({ slug });
  if (!article) throw new NotFoundError('article');
  return article;
}

/** The article as the viewer sees it. */
export async function getArticle(slug: string, viewerId?: string): Promise<ArticleView> {
  const article = await Article.findOne({ slug })
    .populate<{ author: PersonFields }>('author', AUTHOR_FIELDS)
    .lean();
  if (!article) throw new NotFoundError('article');
  const [view] = await present([article], viewerId, true);
  return view;
}

/** Saves with the title's slug, or a suffixed variant when another article has it. */
async function saveWithUniqueSlug(article: InstanceType<typeof Article>, title: string) {
  article.slug = slugFromTitle(title);
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await article.save();
    } catch (err) {
      if (!isDuplicateKeyError(err) || attempt >= 4) throw err;
      article.slug = uniqueSlugVariant(slugFromTitle(title));
    }
  }
}

export async function createArticle(authorId: string, input: ArticleInput) {
  const article = new Article({
    ...input,
    tagList: [...new Set(input.tagList ?? [])],
    author: authorId,
  });
  await saveWithUniqueSlug(article, input.title);
  return getArticle(article.slug, authorId);
}

function assertAuthor(article: { author: Types.ObjectId }, viewerId: string, action: string) {
  if (article.author.toString() !== viewerId) {
    throw new ForbiddenError(`only the author may ${action} this article`, 'article');
  }
}

export async function updateArticle(
  viewerId: string,
  slug: string,
  changes: Partial<ArticleInput>,
) {
  const article = await findArticleOr404(slug);
  assertAuthor(article, viewerId, 'update');
  const { tagList, ...fields } = changes;
  const titleChanged = fields.title !== undefined && fields.title !== article.title;
  article.set(fields);
  if (tagList) article.tagList = [...new Set(tagList)];
  if (titleChanged) {
    await saveWithUniqueSlug(article, article.title);
  } else {
    await article.save();
  }
  return getArticle(article.slug, viewerId);
}

/**
 * The author, or a role allowed to delete any article (moderators), deletes it; then what
 * hangs off it goes (no transactions: orphans are unreachable).
 */
export async function deleteArticle(actor: Actor, slug: string) {
  const article = await findArticleOr404(slug);
  if (!can(actor.role, 'articles:delete:any')) assertAuthor(article, actor.id, 'delete');
  await Article.deleteOne({ _id: article._id });
  await Promise.all([
    Comment.deleteMany({ article: article._id }),
    Favorite.deleteMany({ article: article._id }),
  ]);
}

export async function favorite(viewerId: string, slug: string) {
  await favoriteArticle(viewerId, slug);
  return getArticle(slug, viewerId);
}

export async function unfavorite(viewerId: string, slug: string) {
  await unfavoriteArticle(viewerId, slug);
  return getArticle(slug, viewerId);
}

async function idOfUsername(username: string): Promise<Types.ObjectId | undefined> {
  const user = await User.findOne({ username }).select('_id').lean();
  return user?._id;
}

/** Newest first, with the total count of matches; no body in list items. */
async function page(
  filter: Record<string, unknown>,
  query: { limit: number; offset: number },
  viewerId?: string,
) {
  const [articlesCount, articles] = await Promise.all([
    Article.countDocuments(filter),
    Article.find(filter)
      .select('-body')
      .sort({ createdAt: -1, _id: -1 })
      .skip(query.offset)
      .limit(query.limit)
      .populate<{ author: PersonFields }>('author', AUTHOR_FIELDS)
      .lean(),
  ]);
  return { articles: await present(articles, viewerId, false), articlesCount };
}

const EMPTY_PAGE = { articles: [] as ArticleView[], articlesCount: 0 };

export async function listArticles(query: ListQuery, viewerId?: string) {
  const filter: Record<string, unknown> = {};
  if (query.tag) filter.tagList = query.tag;
  if (query.author) {
    const authorId = await idOfUsername(query.author);
    if (!authorId) return EMPTY_PAGE;
    filter.author = authorId;
  }
  if (query.favorited) {
    const fanId = await idOfUsername(query.favorited);
    if (!fanId) return EMPTY_PAGE;
    const favorites = await Favorite.find({ user: fanId }).select('article').lean();
    filter._id = { $in: favorites.map((f) => f.article) };
  }
  return page(filter, query, viewerId);
}

export async function feedArticles(viewerId: string, query: { limit: number; offset: number }) {
  const authors = await followeeIds(viewerId);
  if (authors.length === 0) return EMPTY_PAGE;
  return page({ author: { $in: authors } }, query, viewerId);
}
