import { Router } from 'express';
import type { RouteDeps } from './index';

/** Articles, with their favorites, comments and attachments nested under /:slug. */
export function articleRoutes({ auth, limits, controllers }: RouteDeps) {
  const { articles, comments, files, transfer } = controllers;
  const { articleWrites, commentWrites } = limits;
  const router = Router();

  router.get('/', auth.optional, articles.list);
  router.get('/feed', auth.required, articles.feed);
  router.get('/export.csv', auth.optional, transfer.exportCsv);
  router.post('/import', auth.required, articleWrites, transfer.importNdjson);
  router.post('/', auth.required, articleWrites, articles.create);
  router.get('/:slug', auth.optional, articles.get);
  router.put('/:slug', auth.required, articleWrites, articles.update);
  router.delete('/:slug', auth.required, articles.remove);

  router.post('/:slug/favorite', auth.required, articles.favorite);
  router.delete('/:slug/favorite', auth.required, articles.unfavorite);

  router.get('/:slug/comments', auth.optional, comments.list);
  router.post('/:slug/comments', auth.required, commentWrites, comments.create);
  router.delete('/:slug/comments/:id', auth.required, comments.remove);

  router.get('/:slug/attachments', files.listAttachments);
  router.post('/:slug/attachments', auth.required, files.addAttachments);
  router.delete('/:slug/attachments/:id', auth.required, files.removeAttachment);

  return router;
}
