import * as s from '../endpoints/article.endpoints';
import * as f from '../endpoints/file.endpoints';
import { validate } from '../middleware/validate';
import { documentedRouter } from './documented-router';
import type { RouteDeps } from './index';

/** Articles, with their favorites and comments nested under /:slug. */
export function articleRoutes({ auth, limits, uploads, controllers }: RouteDeps) {
  const { articles: c, comments, files, transfer } = controllers;
  const { articleWrites, commentWrites } = limits;
  const router = documentedRouter();

  router.get('/', auth.optional, validate(s.list), c.list);
  router.get('/feed', auth.required, validate(s.feed), c.feed);
  router.get('/export.csv', auth.optional, validate(f.exportCsv), transfer.exportCsv);
  router.post('/import', auth.required, articleWrites, validate(f.importNdjson), transfer.importNdjson);
  router.post('/', auth.required, articleWrites, validate(s.create), c.create);
  router.get('/:slug', auth.optional, validate(s.get), c.get);
  router.put('/:slug', auth.required, articleWrites, validate(s.update), c.update);
  router.delete('/:slug', auth.required, validate(s.remove), c.remove);

  router.post('/:slug/favorite', auth.required, validate(s.favorite), c.favorite);
  router.delete('/:slug/favorite', auth.required, validate(s.unfavorite), c.unfavorite);

  router.get('/:slug/comments', auth.optional, validate(s.listComments), comments.list);
  router.post('/:slug/comments', auth.required, commentWrites, validate(s.addComment), comments.create);
  router.delete('/:slug/comments/:id', auth.required, validate(s.removeComment), comments.remove);

  router.get('/:slug/attachments', validate(f.listAttachments), files.listAttachments);
  router.post('/:slug/attachments', auth.required, validate(f.addAttachments), uploads.attachments, files.addAttachments);
  router.delete('/:slug/attachments/:id', auth.required, validate(f.removeAttachment), files.removeAttachment);

  return router;
}
