import * as s from '../endpoints/article.endpoints';
import { currentActor, currentUserId, viewerIdOf } from '../middleware/auth';
import type { CommentService } from '../services/comment.service';
import { handle } from './handle';

export function createCommentController(comments: CommentService) {
  return {
    list: handle(s.listComments, async ({ params, query }, req, res) => {
      res.json(await comments.list(params.slug, query, viewerIdOf(req)));
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
