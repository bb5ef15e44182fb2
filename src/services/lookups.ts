import { Article } from '../models';
import { NotFoundError } from '../utils/errors';

/** The id of the article with this slug; 404 when there is none. */
export async function articleIdBySlug(slug: string) {
  const article = await Article.findOne({ slug }).select('_id').lean();
  if (!article) throw new NotFoundError('article');
  return article._id;
}
