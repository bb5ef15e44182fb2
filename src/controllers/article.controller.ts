import * as s from '../endpoints/article.endpoints';
import { currentActor, currentUserId, viewerIdOf } from '../middleware/auth';
import type { ArticleService } from '../services/article.service';
import { handle } from './handle';

export function createArticleController(articles: ArticleService) {
  return {
    list: handle(s.list, async ({ query: { limit, offset, ...filter } }, req, res) => {
      res.json(await articles.list(filter, { limit, offset }, viewerIdOf(req)));
    }),

    feed: handle(s.feed, async ({ query }, req, res) => {
      res.json(await articles.feed(currentUserId(req), query));
    }),

    get: handle(s.get, async ({ params }, req, res) => {
      res.json({ article: await articles.get(params.slug, viewerIdOf(req)) });
    }),

    create: handle(s.create, async ({ body }, req, res) => {
      res.status(201).json({ article: await articles.create(currentUserId(req), body.article) });
    }),

    update: handle(s.update, async ({ params, body }, req, res) => {
      res.json({ article: await articles.update(currentUserId(req), params.slug, body.article) });
    }),

    remove: handle(s.remove, async ({ params }, req, res) => {
      await articles.remove(currentActor(req), params.slug);
      res.status(204).end();
    }),

    favorite: handle(s.favorite, async ({ params }, req, res) => {
      res.json({ article: await articles.favorite(currentUserId(req), params.slug) });
    }),

    unfavorite: handle(s.unfavorite, async ({ params }, req, res) => {
      res.json({ article: await articles.unfavorite(currentUserId(req), params.slug) });
    }),
  };
}
