/**
 * Finding a document by the name clients use for it — an article by slug, a user by
 * username — or answering 404. Every service that takes a slug or a username from a
 * URL goes through here.
 */
import { Article, User } from '../models';
import { NotFoundError } from '../utils/errors';

/** The article with this slug (only `fields`, when given); 404 when there is none. */
export async function articleBySlug(slug: string, fields?: string) {
  const article = await Article.findOne({ slug }).select(fields ?? {});
  if (!article) throw new NotFoundError('article');
  return article;
}

export async function articleIdBySlug(slug: string) {
  return (await articleBySlug(slug, '_id'))._id;
}

/** The user with this username (only `fields`, when given); 404 naming `what` otherwise. */
export async function userByUsername(username: string, fields?: string, what = 'profile') {
  const user = await User.findOne({ username }).select(fields ?? {});
  if (!user) throw new NotFoundError(what);
  return user;
}

/** The user's id, or undefined: filters by an unknown username simply match nothing. */
export async function userIdByUsername(username: string) {
  const user = await User.findOne({ username }).select('_id').lean();
  return user?._id;
}
