/** Comments on an article. */
import { Comment } from '../models';
import { ForbiddenError, NotFoundError } from '../utils/errors';
import { isObjectIdString } from '../utils/mongo';
import { articleIdBySlug } from './lookups';
import { can, type Actor } from './permissions';
import { followedAmong } from './profile.service';
import { toCommentView, toProfileView, type PersonFields } from './views';

/** Comments newest first, each with its author's profile as the viewer sees it. */
export async function listComments(slug: string, viewerId?: string) {
  const comments = await Comment.find({ article: await articleIdBySlug(slug) })
    .sort({ createdAt: -1, _id: -1 })
    .populate<{ author: PersonFields }>('author', 'username bio image')
    .lean();
  const following = await followedAmong(
    viewerId,
    comments.map((c) => c.author._id),
  );
  return comments.map((c) =>
    toCommentView(c, toProfileView(c.author, following.has(c.author._id.toString()))),
  );
}

export async function addComment(viewerId: string, slug: string, body: string) {
  const comment = await Comment.create({
    body,
    author: viewerId,
    article: await articleIdBySlug(slug),
  });
  const populated = await comment.populate<{ author: PersonFields }>(
    'author',
    'username bio image',
  );
  return toCommentView(populated, toProfileView(populated.author, false));
}

/** The comment's author, or a role allowed to delete any comment (moderators), deletes it. */
export async function deleteComment(actor: Actor, slug: string, commentId: string) {
  const article = await articleIdBySlug(slug);
  // A malformed id names no comment: 404, like an unknown one.
  const comment = isObjectIdString(commentId)
    ? await Comment.findOne({ _id: commentId, article }).select('author').lean()
    : null;
  if (!comment) throw new NotFoundError('comment');
  if (comment.author.toString() !== actor.id && !can(actor.role, 'comments:delete:any')) {
    throw new ForbiddenError('only the author may delete this comment', 'comment');
  }
  await Comment.deleteOne({ _id: comment._id });
}
