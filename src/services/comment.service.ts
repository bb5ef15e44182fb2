/** Comments on an article. */
import { can, type Actor } from '../domain/permissions';
import { articleRef } from '../events/domain-events';
import type { EventBus } from '../events/event-bus';
import { Article, Comment, User } from '../models';
import { toCommentView, type CommentView } from '../presenters/comment.presenter';
import { PROFILE_FIELDS, toProfileView, type PersonFields } from '../presenters/profile.presenter';
import { followedAmong } from '../queries/follows';
import { articleBySlug, articleIdBySlug } from '../queries/lookups';
import { findPage, type Page } from '../queries/page';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../utils/errors';
import { isObjectIdString } from '../utils/mongo';

export function createCommentService({ events }: { events: EventBus }) {
  return {
    /** A page of comments, newest first, each author's profile as the viewer sees it. */
    async list(slug: string, page: Page, viewerId?: string) {
      const { items, total } = await findPage(
        Comment,
        { article: await articleIdBySlug(slug) },
        page,
        (query) =>
          query
            .sort({ createdAt: -1, _id: -1 })
            .populate<{ author: PersonFields }>('author', PROFILE_FIELDS)
            .lean(),
      );
      const following = await followedAmong(
        viewerId,
        items.map((c) => c.author._id),
      );
      return {
        comments: items.map((c) =>
          toCommentView(c, toProfileView(c.author, following.has(c.author._id.toString()))),
        ),
        commentsCount: total,
      };
    },

    /**
     * The comments of several articles at once, newest first, in `slugs` order: a constant
     * number of queries however many articles (GraphQL batches nested comments here).
     */
    async listForArticles(slugs: readonly string[], viewerId?: string) {
      const articles = await Article.find({ slug: { $in: slugs } })
        .select('slug')
        .lean();
      const comments = await Comment.find({ article: { $in: articles.map((a) => a._id) } })
        .sort({ createdAt: -1, _id: -1 })
        .populate<{ author: PersonFields }>('author', PROFILE_FIELDS)
        .lean();
      const following = await followedAmong(
        viewerId,
        comments.map((c) => c.author._id),
      );
      const slugOf = new Map(articles.map((a) => [a._id.toString(), a.slug]));
      const bySlug = new Map<string, CommentView[]>(slugs.map((slug) => [slug, []]));
      for (const c of comments) {
        const view = toCommentView(
          c,
          toProfileView(c.author, following.has(c.author._id.toString())),
        );
        bySlug.get(slugOf.get(c.article.toString()) ?? '')?.push(view);
      }
      return slugs.map((slug) => bySlug.get(slug) ?? []);
    },

    async add(authorId: string, slug: string, body: string) {
      const [article, author] = await Promise.all([
        articleBySlug(slug, 'author slug'),
        User.findById(authorId).select(PROFILE_FIELDS).lean(),
      ]);
      if (!author) throw new UnauthorizedError('no longer exists', 'user');
      const comment = await Comment.create({ body, author: authorId, article: article._id });
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
      const article = await articleBySlug(slug, 'author slug');
      // A malformed id names no comment: 404, like an unknown one.
      const comment = isObjectIdString(commentId)
        ? await Comment.findOne({ _id: commentId, article: article._id }).select('author').lean()
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
