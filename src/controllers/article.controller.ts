import * as endpoints from '../endpoints/article.endpoints';
import { actorIdOf, currentActor } from '../middleware/auth';
import type { ArticleService } from '../services/article.service';
import { handle } from './handle';

export function createArticleController(articles: ArticleService) {
  return {
    list: handle(endpoints.list, async ({ query: { limit, offset, ...filter } }, req, res) => {
      res.json(await articles.list(filter, { limit, offset }, actorIdOf(req)));
    }),

    feed: handle(endpoints.feed, async ({ query }, req, res) => {
      res.json(await articles.feed(currentActor(req).id, query));
    }),

    get: handle(endpoints.get, async ({ params }, req, res) => {
      res.json({ article: await articles.get(params.slug, actorIdOf(req)) });
    }),

    create: handle(endpoints.create, async ({ body }, req, res) => {
      res.status(201).json({ article: await articles.create(currentActor(req).id, body.article) });
    }),

    update: handle(endpoints.update, async ({ params, body }, req, res) => {
      res.json({ article: await articles.update(currentActor(req).id, params.slug, body.article) });
    }),

    remove: handle(endpoints.remove, async ({ params }, req, res) => {
      await articles.remove(currentActor(req), params.slug);
      res.status(204).end();
    }),

    favorite: handle(endpoints.favorite, async ({ params }, req, res) => {
      res.json({ article: await articles.favorite(currentActor(req).id, params.slug) });
    }),

    unfavorite: handle(endpoints.unfavorite, async ({ params }, req, res) => {
      res.json({ article: await articles.unfavorite(currentActor(req).id, params.slug) });
    }),
  };
}
