import type { Request, Response } from 'express';
import { currentActor, currentUserId } from '../middleware/auth';
import * as commentService from '../services/comment.service';

export async function list(req: Request, res: Response) {
  const { slug } = req.validated.params as { slug: string };
  res.json({ comments: await commentService.listComments(slug, req.auth?.id) });
}

export async function create(req: Request, res: Response) {
  const { slug } = req.validated.params as { slug: string };
  const { comment } = req.validated.body as { comment: { body: string } };
  res
    .status(201)
    .json({ comment: await commentService.addComment(currentUserId(req), slug, comment.body) });
}

export async function remove(req: Request, res: Response) {
  const { slug, id } = req.validated.params as { slug: string; id: string };
  await commentService.deleteComment(currentActor(req), slug, id);
  res.status(204).end();
}
