import type { Request, Response } from 'express';
import { currentActor, currentUserId } from '../middleware/auth';
import * as articleService from '../services/article.service';

const slugOf = (req: Request) => (req.validated.params as { slug: string }).slug;

export async function list(req: Request, res: Response) {
  const query = req.validated.query as unknown as articleService.ListQuery;
  res.json(await articleService.listArticles(query, req.auth?.id));
}

export async function feed(req: Request, res: Response) {
  const query = req.validated.query as { limit: number; offset: number };
  res.json(await articleService.feedArticles(currentUserId(req), query));
}

export async function get(req: Request, res: Response) {
  res.json({ article: await articleService.getArticle(slugOf(req), req.auth?.id) });
}

export async function create(req: Request, res: Response) {
  const { article } = req.validated.body as { article: articleService.ArticleInput };
  res
    .status(201)
    .json({ article: await articleService.createArticle(currentUserId(req), article) });
}

export async function update(req: Request, res: Response) {
  const { article } = req.validated.body as { article: Partial<articleService.ArticleInput> };
  res.json({
    article: await articleService.updateArticle(currentUserId(req), slugOf(req), article),
  });
}

export async function remove(req: Request, res: Response) {
  await articleService.deleteArticle(currentActor(req), slugOf(req));
  res.status(204).end();
}

export async function favorite(req: Request, res: Response) {
  res.json({ article: await articleService.favorite(currentUserId(req), slugOf(req)) });
}

export async function unfavorite(req: Request, res: Response) {
  res.json({ article: await articleService.unfavorite(currentUserId(req), slugOf(req)) });
}
