/** Articles: create, read, update, delete, favorite, lists and the feed. */
import type { Types } from 'mongoose';
import { can, type Actor } from '../domain/permissions';
import { articleRef } from '../events/domain-events';
import type { EventBus } from '../events/event-bus';
import { slugFromTitle, uniqueSlugVariant } from '../domain/slug';
import { normalizeTagList } from '../domain/tags';
import { Article, Comment, Favorite, User, type ArticleDoc } from '../models';
import { toArticleView, type ArticleView } from '../presenters/article.presenter';
import { PROFILE_FIELDS, toProfileView, type PersonFields } from '../presenters/profile.presenter';
import { favoriteStats } from '../queries/favorites';
import { followedAmong, followeeIds } from '../queries/follows';
import { articleQuery, type ArticleFilter } from '../queries/article-filter';
import { articleBySlug } from '../queries/lookups';
import { findPage, type Page } from '../queries/page';
import { ForbiddenError, NotFoundError } from '../utils/errors';
import { isDuplicateKeyError, retryOnDuplicate } from '../utils/mongo';

export interface ArticleInput {
  title: string;
  description: string;
  body: string;
  tagList: string[];
}

export type ArticleChanges = Partial<ArticleInput>;

type StoredArticle = Omit<ArticleDoc, 'author'> & { author: PersonFields };

/**
 * Turns stored articles into views with a constant number of queries, however many
 * articles there are: favorites counts, the viewer's favorites, the viewer's follows.
 */
async function present(articles: StoredArticle[], viewerId: string | undefined, withBody: boolean) {
  const [stats, following] = await Promise.all([
    favoriteStats(
      articles.map((a) => a._id),
      viewerId,
    ),
    followedAmong(
      viewerId,
      articles.map((a) => a.author._id),
    ),
  ]);
  return articles.map((article) =>
    toArticleView(
      article,
      {
        author: toProfileView(article.author, following.has(article.author._id.toString())),
        favorited: stats.favoritedByViewer.has(article._id.toString()),
        favoritesCount: stats.counts.get(article._id.toString()) ?? 0,
      },
      withBody,
    ),
  );
}

/** The one article, as `viewerId` sees it. */
async function presentOne(article: ArticleDoc, viewerId?: string): Promise<ArticleView> {
  const author = await User.findById(article.author).select(PROFILE_FIELDS).lean();
  if (!author) throw new NotFoundError('article');
  const [view] = await present([{ ...article, author }], viewerId, true);
  return view;
}

function assertAuthor(article: { author: Types.ObjectId }, actorId: string, action: string) {
  if (article.author.toString() !== actorId) {
    throw new ForbiddenError(`only the author may ${action} this article`, 'article');
  }
}

/** Saves with the title's slug, or a suffixed variant while another article has it. */
function saveWithUniqueSlug(article: InstanceType<typeof Article>) {
  const base = slugFromTitle(article.title);
  return retryOnDuplicate((attempt) => {
    article.slug = attempt === 0 ? base : uniqueSlugVariant(base);
    return article.save();
  });
}

const EMPTY_PAGE: { articles: ArticleView[]; articlesCount: number } = {
  articles: [],
  articlesCount: 0,
};

/** Newest first, with the total count of matches; no body in list items. */
async function listPage(filter: Record<string, unknown>, page: Page, viewerId?: string) {
  const { items, total } = await findPage(Article, filter, page, (query) =>
    query
      .select('-body')
      .sort({ createdAt: -1, _id: -1 })
      .populate<{ author: PersonFields }>('author', PROFILE_FIELDS)
      .lean(),
  );
  return { articles: await present(items, viewerId, false), articlesCount: total };
}

export function createArticleService({ events }: { events: EventBus }) {
  return {
    async get(slug: string, viewerId?: string) {
      return presentOne((await articleBySlug(slug)).toObject(), viewerId);
    },

    async create(authorId: string, input: ArticleInput) {
      const article = new Article({
        ...input,
        tagList: normalizeTagList(input.tagList),
        author: authorId,
      });
      await saveWithUniqueSlug(article);
      events.publish('article.created', articleRef(article));
      return presentOne(article.toObject(), authorId);
    },

    async update(actorId: string, slug: string, changes: ArticleChanges) {
      const article = await articleBySlug(slug);
      assertAuthor(article, actorId, 'update');
      const { tagList, ...fields } = changes;
      const titleChanged = fields.title !== undefined && fields.title !== article.title;
      article.set(fields);
      if (tagList) article.tagList = normalizeTagList(tagList);
      await (titleChanged ? saveWithUniqueSlug(article) : article.save());
      events.publish('article.updated', { ...articleRef(article), previousSlug: slug });
      return presentOne(article.toObject(), actorId);
    },

    /**
     * The author, or a role allowed to delete any article (moderators), deletes it; then what
     * hangs off it goes (no transactions: orphans are unreachable).
     */
    async remove(actor: Actor, slug: string) {
      const article = await articleBySlug(slug, 'author');
      if (!can(actor.role, 'articles:delete:any')) assertAuthor(article, actor.id, 'delete');
      await Article.deleteOne({ _id: article._id });
      await Promise.all([
        Comment.deleteMany({ article: article._id }),
        Favorite.deleteMany({ article: article._id }),
      ]);
      events.publish('article.deleted', { ...articleRef(article), slug });
    },

    /** Idempotent: favoriting twice leaves one favorite. */
    async favorite(viewerId: string, slug: string) {
      const article = await articleBySlug(slug);
      try {
        await Favorite.create({ user: viewerId, article: article._id });
        events.publish('article.favorited', { ...articleRef(article), userId: viewerId });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err; // favorited already: nothing new happened
      }
      return presentOne(article.toObject(), viewerId);
    },

    async unfavorite(viewerId: string, slug: string) {
      const article = await articleBySlug(slug);
      await Favorite.deleteOne({ user: viewerId, article: article._id });
      return presentOne(article.toObject(), viewerId);
    },

    async list(filter: ArticleFilter, page: Page, viewerId?: string) {
      const query = await articleQuery(filter);
      return query ? listPage(query, page, viewerId) : EMPTY_PAGE;
    },

    /** The bodies of several articles in one query (list items carry none), in `slugs` order. */
    async bodiesOf(slugs: readonly string[]): Promise<(string | undefined)[]> {
      const found = await Article.find({ slug: { $in: slugs } })
        .select('slug body')
        .lean();
      const bodies = new Map(found.map((a) => [a.slug, a.body]));
      return slugs.map((slug) => bodies.get(slug));
    },

    async feed(viewerId: string, page: Page) {
      const authors = await followeeIds(viewerId);
      if (authors.length === 0) return EMPTY_PAGE;
      return listPage({ author: { $in: authors } }, page, viewerId);
    },
  };
}

export type ArticleService = ReturnType<typeof createArticleService>;
