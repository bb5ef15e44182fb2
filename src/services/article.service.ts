/** Articles: create, read, update, delete, favorite, lists and the feed. */
import { can, type Actor } from '../domain/permissions';
import { slugFromTitle, uniqueSlugVariant } from '../domain/slug';
import { normalizeTagList } from '../domain/tags';
import { articleRef } from '../events/domain-events';
import type { EventBus } from '../events/event-bus';
import { Article, Comment, Favorite } from '../models';
import { toArticleView, type ArticleView } from '../presenters/article.presenter';
import { toProfileView } from '../presenters/profile.presenter';
import { pageQuery, type ArticleFilter } from '../queries/article-filter';
import type { Page } from '../queries/page';
import { toCachedArticle, type CachedArticle, type Reads } from '../queries/reads';
import { ForbiddenError, NotFoundError } from '../utils/errors';
import { isDuplicateKeyError, retryOnDuplicate } from '../utils/mongo';

export interface ArticleInput {
  title: string;
  description: string;
  body: string;
  tagList: string[];
}

export type ArticleChanges = Partial<ArticleInput>;

/** What a write already knows of the viewer's view of one article: nothing to read for it. */
type Known = Partial<{ favorited: boolean; favoritesCount: number; following: boolean }>;

const NONE: ReadonlySet<string> = new Set();

type CachedPage = { articles: CachedArticle[]; articlesCount: number };

const EMPTY_PAGE: { articles: ArticleView[]; articlesCount: number } = {
  articles: [],
  articlesCount: 0,
};

function assertAuthor(article: CachedArticle, actorId: string, action: string) {
  if (article.authorId !== actorId) {
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

export function createArticleService({ events, reads }: { events: EventBus; reads: Reads }) {
  /**
   * Views of articles with a constant number of reads however many articles, each served
   * by the cache when it can: authors, favorites counts, the viewer's favorites and follows.
   */
  async function present(
    articles: CachedArticle[],
    viewerId: string | undefined,
    bodies: Map<string, string> | undefined,
    known: Known = {},
  ): Promise<ArticleView[]> {
    const ids = articles.map((a) => a.id);
    const [authors, counts, favorited, followees] = await Promise.all([
      reads.people(articles.map((a) => a.authorId)),
      known.favoritesCount === undefined
        ? reads.favoritesCounts(ids)
        : new Map(ids.map((id) => [id, known.favoritesCount ?? 0])),
      viewerId && known.favorited === undefined ? reads.favoritesOf(viewerId) : NONE,
      viewerId && known.following === undefined ? reads.followeesOf(viewerId) : NONE,
    ]);
    return articles.flatMap((article) => {
      const author = authors.get(article.authorId);
      if (!author) return []; // users are never deleted; an orphan is unreachable
      const state = {
        author: toProfileView(author, known.following ?? followees.has(article.authorId)),
        favorited: known.favorited ?? favorited.has(article.id),
        favoritesCount: counts.get(article.id) ?? 0,
      };
      const body = bodies?.get(article.id);
      return [toArticleView({ ...article, body }, state, bodies !== undefined)];
    });
  }

  /** One article with its body (read unless `body` is given: a write knows it). */
  async function presentOne(
    article: CachedArticle,
    viewerId?: string,
    known?: Known,
    body?: string,
  ) {
    const text = body ?? (await reads.articleBody(article.id));
    const [view] = await present([article], viewerId, new Map([[article.id, text]]), known);
    if (!view) throw new NotFoundError('article');
    return view;
  }

  /** The page for `filter`; undefined when nothing can match (an unknown author or fan). */
  async function pageOf(filter: ArticleFilter, page: Page): Promise<CachedPage | undefined> {
    const query = await pageQuery(filter, reads);
    return query && reads.page(query, page);
  }

  async function presentPage(found: CachedPage | undefined, viewerId?: string) {
    if (!found) return EMPTY_PAGE;
    return {
      articles: await present(found.articles, viewerId, undefined),
      articlesCount: found.articlesCount,
    };
  }

  return {
    async get(slug: string, viewerId?: string) {
      return presentOne(await reads.article(slug), viewerId);
    },

    async create(authorId: string, input: ArticleInput) {
      const article = new Article({
        ...input,
        tagList: normalizeTagList(input.tagList),
        author: authorId,
      });
      await saveWithUniqueSlug(article);
      const created = toCachedArticle(article.toObject());
      await events.publish('article.created', { ...articleRef(created), article: created });
      // Nobody has favorited it yet, and nobody follows themselves.
      return presentOne(
        created,
        authorId,
        { favorited: false, favoritesCount: 0, following: false },
        article.body,
      );
    },

    async update(actorId: string, slug: string, changes: ArticleChanges) {
      const current = await reads.article(slug);
      assertAuthor(current, actorId, 'update');
      const article = await Article.findById(current.id);
      if (!article) throw new NotFoundError('article');
      const { tagList, ...fields } = changes;
      const titleChanged = fields.title !== undefined && fields.title !== article.title;
      article.set(fields);
      if (tagList) article.tagList = normalizeTagList(tagList);
      await (titleChanged ? saveWithUniqueSlug(article) : article.save());
      const updated = toCachedArticle(article.toObject());
      await events.publish('article.updated', {
        ...articleRef(updated),
        previousSlug: slug,
        article: updated,
        before: current,
      });
      return presentOne(updated, actorId, { following: false }, article.body);
    },

    /**
     * The author, or a role allowed to delete any article (moderators), deletes it; then what
     * hangs off it goes (no transactions: orphans are unreachable).
     */
    async remove(actor: Actor, slug: string) {
      const article = await reads.article(slug);
      if (!can(actor.role, 'articles:delete:any')) assertAuthor(article, actor.id, 'delete');
      await Article.deleteOne({ _id: article.id });
      await Promise.all([
        Comment.deleteMany({ article: article.id }),
        Favorite.deleteMany({ article: article.id }),
      ]);
      await events.publish('article.deleted', { ...articleRef(article), article });
    },

    /** Idempotent: favoriting twice leaves one favorite. */
    async favorite(viewerId: string, slug: string) {
      const article = await reads.article(slug);
      let favoritesCount: number | undefined;
      try {
        await Favorite.create({ user: viewerId, article: article.id });
        await events.publish('article.favorited', { ...articleRef(article), userId: viewerId });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err; // favorited already: nothing new happened
        // A concurrent twin may not have counted its favorite yet: ask the database.
        favoritesCount = await reads.favoritesCountNow(article.id);
      }
      return presentOne(article, viewerId, { favorited: true, favoritesCount });
    },

    async unfavorite(viewerId: string, slug: string) {
      const article = await reads.article(slug);
      let favoritesCount: number | undefined;
      const { deletedCount } = await Favorite.deleteOne({ user: viewerId, article: article.id });
      if (deletedCount > 0) {
        await events.publish('article.unfavorited', { ...articleRef(article), userId: viewerId });
      } else {
        // Nothing to remove, maybe a concurrent twin removed it: ask the database.
        favoritesCount = await reads.favoritesCountNow(article.id);
      }
      return presentOne(article, viewerId, { favorited: false, favoritesCount });
    },

    async list(filter: ArticleFilter, page: Page, viewerId?: string) {
      return presentPage(await pageOf(filter, page), viewerId);
    },

    /** The bodies of several articles (list items carry none), in `slugs` order. */
    async bodiesOf(slugs: readonly string[]): Promise<(string | undefined)[]> {
      const found = await reads.articles(slugs);
      return Promise.all(
        slugs.map((slug) => {
          const article = found.get(slug);
          return article ? reads.articleBody(article.id) : undefined;
        }),
      );
    },

    async feed(viewerId: string, page: Page) {
      const authors = await reads.followeesOf(viewerId);
      if (authors.size === 0) return EMPTY_PAGE;
      const found = await reads.page({ authorIds: [...authors].sort() }, page);
      return presentPage(found, viewerId);
    },
  };
}

export type ArticleService = ReturnType<typeof createArticleService>;
