/**
 * Finding a document by the name clients use for it — an article by slug, a user by
 * username — or answering 404, for services that need the document itself (to change it,
 * or fields the cache does not hold). Public views go through the cache (reads.ts).
 */
import { Article, User } from '../models';
import { NotFoundError } from '../utils/errors';

/** The article with this slug (only `fields`, when given); 404 when there is none. */
export async function articleBySlug(slug: string, fields?: string) {
  const article = await Article.findOne({ slug }).select(fields ?? {});
  if (!article) throw new NotFoundError('article');
  return article;
}

/** The user with this username (only `fields`, when given); 404 naming `what` otherwise. */
export async function userByUsername(username: string, fields?: string, what = 'profile') {
  const user = await User.findOne({ username }).select(fields ?? {});
  if (!user) throw new NotFoundError(what);
  return user;
}
