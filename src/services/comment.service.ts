/** Comments on an article. */
import type { Types } from 'mongoose';
import { can, type Actor } from '../domain/permissions';
import { articleRef } from '../events/domain-events';
import type { EventBus } from '../events/event-bus';
import { Comment } from '../models';
import { toCommentView, type CommentView } from '../presenters/comment.presenter';
import { toProfileView } from '../presenters/profile.presenter';
import { findPage, type Page } from '../queries/page';
import type { Reads } from '../queries/reads';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../utils/errors';
import { isObjectIdString } from '../utils/mongo';

interface StoredComment {
  _id: Types.ObjectId;
  body: string;
  author: Types.ObjectId;
  article: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const NONE: ReadonlySet<string> = new Set();

export function createCommentService({ events, reads }: { events: EventBus; reads: Reads }) {
  /** Views of comments: their authors (cached) as the actor sees them. */
  async function present(comments: StoredComment[], actorId?: string): Promise<CommentView[]> {
    const [authors, followees] = await Promise.all([
      reads.profiles(comments.map((c) => c.author.toString())),
      actorId ? reads.followeesOf(actorId) : NONE,
    ]);
    return comments.flatMap((c) => {
      const author = authors.get(c.author.toString());
      return author ? [toCommentView(c, toProfileView(author, followees.has(author.id)))] : [];
    });
  }

  return {
    /** A page of comments, newest first, each author's profile as the actor sees it. */
    async list(slug: string, page: Page, actorId?: string) {
      const article = await reads.article(slug);
      const { items, total } = await findPage(Comment, { article: article.id }, page, (query) =>
        query.sort({ createdAt: -1, _id: -1 }).lean<StoredComment[]>(),
      );
      return { comments: await present(items, actorId), commentsCount: total };
    },

    /**
     * The comments of several articles at once, newest first, in `slugs` order: a constant
     * number of queries however many articles (GraphQL batches nested comments here).
     */
    async listForArticles(slugs: readonly string[], actorId?: string) {
      const articles = await reads.articles(slugs);
      const ids = [...articles.values()].map((a) => a.id);
      const comments = await Comment.find({ article: { $in: ids } })
        .sort({ createdAt: -1, _id: -1 })
        .lean<StoredComment[]>();
      const slugOfArticle = new Map([...articles.values()].map((a) => [a.id, a.slug]));
      const slugOf = new Map(
        comments.map((c) => [c._id.toString(), slugOfArticle.get(c.article.toString())]),
      );
      const bySlug = new Map<string, CommentView[]>(slugs.map((slug) => [slug, []]));
      for (const view of await present(comments, actorId))
        bySlug.get(slugOf.get(view.id) ?? '')?.push(view);
      return slugs.map((slug) => bySlug.get(slug) ?? []);
    },

    async add(authorId: string, slug: string, body: string) {
      const [article, profiles] = await Promise.all([
        reads.article(slug),
        reads.profiles([authorId]),
      ]);
      const author = profiles.get(authorId);
      if (!author) throw new UnauthorizedError('no longer exists', 'user');
      const comment = await Comment.create({ body, author: authorId, article: article.id });
      // Nobody follows themselves: the commenter sees their own profile unfollowed.
      const view = toCommentView(comment, toProfileView(author, false));
      events.publish('comment.added', {
        ...articleRef(article),
        comment: view,
        commenterId: authorId,
      });
      return view;
    },

    /** The comment's author, or a role allowed to delete any comment (moderators), deletes it. */
    async remove(actor: Actor, slug: string, commentId: string) {
      const article = await reads.article(slug);
      // A malformed id names no comment: 404, like an unknown one.
      const comment = isObjectIdString(commentId)
        ? await Comment.findOne({ _id: commentId, article: article.id }).select('author').lean()
        : null;
      if (!comment) throw new NotFoundError('comment');
      if (comment.author.toString() !== actor.id && !can(actor.role, 'comments:delete:any')) {
        throw new ForbiddenError('only the author may delete this comment', 'comment');
      }
      await Comment.deleteOne({ _id: comment._id });
      events.publish('comment.deleted', { ...articleRef(article), commentId });
    },
  };
}

export type CommentService = ReturnType<typeof createCommentService>;
