/** Articles: create, read, update, delete, favorite, lists and the feed. */
import type { ArticleChanges, ArticleInput } from '../domain/article-input';
import { can, type Actor } from '../domain/permissions';
import { slugFromTitle, uniqueSlugVariant } from '../domain/slug';
import { normalizeTagList } from '../domain/tags';
import { articleRef } from '../events/domain-events';
import type { EventBus } from '../events/event-bus';
import { Article, Comment, Favorite } from '../models';
import { pageQuery, type ArticleFilter } from '../queries/article-filter';
import type { Page } from '../queries/page';
import { toCachedArticle, type CachedArticle, type Reads } from '../queries/reads';
import { ForbiddenError, NotFoundError } from '../utils/errors';
import { isDuplicateKeyError, retryOnDuplicate } from '../utils/mongo';
import { createArticleViews, type CachedPage } from './article-views';

export type { ArticleChanges, ArticleInput };

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
  const { presentOne, presentPage, EMPTY_PAGE } = createArticleViews(reads);

  /** The page for `filter`; undefined when nothing can match (an unknown author or favoriter). */
  async function pageOf(filter: ArticleFilter, page: Page): Promise<CachedPage | undefined> {
    const query = await pageQuery(filter, reads);
    return query && reads.page(query, page);
  }

  return {
    async get(slug: string, actorId?: string) {
      return presentOne(await reads.article(slug), actorId);
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
    async favorite(actorId: string, slug: string) {
      const article = await reads.article(slug);
      let favoritesCount: number | undefined;
      try {
        await Favorite.create({ user: actorId, article: article.id });
        await events.publish('article.favorited', { ...articleRef(article), userId: actorId });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err; // favorited already: nothing new happened
        // A concurrent twin may not have counted its favorite yet: ask the database.
        favoritesCount = await reads.favoritesCountNow(article.id);
      }
      return presentOne(article, actorId, { favorited: true, favoritesCount });
    },

    async unfavorite(actorId: string, slug: string) {
      const article = await reads.article(slug);
      let favoritesCount: number | undefined;
      const { deletedCount } = await Favorite.deleteOne({ user: actorId, article: article.id });
      if (deletedCount > 0) {
        await events.publish('article.unfavorited', { ...articleRef(article), userId: actorId });
      } else {
        // Nothing to remove, maybe a concurrent twin removed it: ask the database.
        favoritesCount = await reads.favoritesCountNow(article.id);
      }
      return presentOne(article, actorId, { favorited: false, favoritesCount });
    },

    async list(filter: ArticleFilter, page: Page, actorId?: string) {
      return presentPage(await pageOf(filter, page), actorId);
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

    async feed(actorId: string, page: Page) {
      const authors = await reads.followeesOf(actorId);
      if (authors.size === 0) return EMPTY_PAGE;
      const found = await reads.page({ authorIds: [...authors].sort() }, page);
      return presentPage(found, actorId);
    },
  };
}

export type ArticleService = ReturnType<typeof createArticleService>;
