import * as endpoints from '../endpoints/article.endpoints';
import { actorIdOf, currentActor } from '../middleware/auth';
import type { CommentService } from '../services/comment.service';
import { handle } from './handle';

export function createCommentController(comments: CommentService) {
  return {
    list: handle(endpoints.listComments, async ({ params, query }, req, res) => {
      res.json(await comments.list(params.slug, query, actorIdOf(req)));
    }),

    create: handle(endpoints.addComment, async ({ params, body }, req, res) => {
      const comment = await comments.add(currentActor(req).id, params.slug, body.comment.body);
      res.status(201).json({ comment });
    }),

    remove: handle(endpoints.removeComment, async ({ params }, req, res) => {
      await comments.remove(currentActor(req), params.slug, params.id);
      res.status(204).end();
    }),
  };
}
