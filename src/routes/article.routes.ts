import { Router } from 'express';
import * as articleController from '../controllers/article.controller';
import * as commentController from '../controllers/comment.controller';
import { auth } from '../middleware/auth';
import { validate } from '../middleware/validate';
import * as articleSchemas from '../validations/article.validation';

/** Articles, with their favorites and comments nested under /:slug. */
export const articleRouter = Router();

articleRouter.get('/', auth.optional, validate(articleSchemas.list), articleController.list);
articleRouter.get('/feed', auth.required, validate(articleSchemas.feed), articleController.feed);
articleRouter.post('/', auth.required, validate(articleSchemas.create), articleController.create);
articleRouter.get('/:slug', auth.optional, validate(articleSchemas.get), articleController.get);
articleRouter.put('/:slug', auth.required, validate(articleSchemas.update), articleController.update);
articleRouter.delete('/:slug', auth.required, validate(articleSchemas.remove), articleController.remove);

articleRouter.post('/:slug/favorite', auth.required, validate(articleSchemas.favorite), articleController.favorite);
articleRouter.delete('/:slug/favorite', auth.required, validate(articleSchemas.favorite), articleController.unfavorite);

articleRouter.get('/:slug/comments', auth.optional, validate(articleSchemas.listComments), commentController.list);
articleRouter.post('/:slug/comments', auth.required, validate(articleSchemas.addComment), commentController.create);
articleRouter.delete('/:slug/comments/:id', auth.required, validate(articleSchemas.deleteComment), commentController.remove);
