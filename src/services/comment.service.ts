/** Comments on an article. */
import { can, type Actor } from '../domain/permissions';
import { articleRef } from '../events/domain-events';
import type { EventBus } from '../events/event-bus';
import { Comment, User } from '../models';
import { toCommentView } from '../presenters/comment.presenter';
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
