import * as s from '../endpoints/article.endpoints';
import { currentActor, currentUserId, viewerIdOf } from '../middleware/auth';
import type { CommentService } from '../services/comment.service';
import { handle } from './handle';

export function createCommentController(comments: CommentService) {
  return {
    list: handle(s.listComments, async ({ params }, req, res) => {
      res.json({ comments: await comments.list(params.slug, viewerIdOf(req)) });
    }),

    create: handle(s.addComment, async ({ params, body }, req, res) => {
      const comment = await comments.add(currentUserId(req), params.slug, body.comment.body);
      res.status(201).json({ comment });
    }),

    remove: handle(s.removeComment, async ({ params }, req, res) => {
      await comments.remove(currentActor(req), params.slug, params.id);
      res.status(204).end();
    }),
  };
}
