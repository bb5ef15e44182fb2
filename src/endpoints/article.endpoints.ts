import Joi from 'joi';
import type { Page } from '../queries/page';
import type { ArticleFilter } from '../queries/article-filter';
import {
  articleChanges,
  articleInput,
  type ArticleChanges,
  type ArticleInput,
} from '../domain/article-input';
import { bySlug, pageQuery, pagination, slugParam } from './common';
import { endpoint } from './endpoint';

export const list = endpoint({
  summary: 'List articles (newest first)',
  query: Joi.object<ArticleFilter & Page>({
    tag: Joi.string().trim().max(40),
    // Any name: an unknown one simply matches no article.
    author: Joi.string().trim().max(100),
    favorited: Joi.string().trim().max(100),
    ...pagination,
  }),
  success: { status: 200, schema: 'MultipleArticlesResponse' },
});

export const feed = endpoint({
  summary: 'Articles by followed authors',
  query: pageQuery,
  success: { status: 200, schema: 'MultipleArticlesResponse' },
});

export const get = endpoint({
  summary: 'Get an article',
  params: bySlug,
  success: { status: 200, schema: 'SingleArticleResponse' },
  errors: [404],
});

export const create = endpoint({
  summary: 'Create an article',
  body: Joi.object<{ article: ArticleInput }>({ article: articleInput.required() }),
  success: { status: 201, schema: 'SingleArticleResponse' },
});

export const update = endpoint({
  summary: 'Update an article (author only; a new title changes the slug)',
  params: bySlug,
  body: Joi.object<{ article: ArticleChanges }>({
    article: articleChanges.required(),
  }),
  success: { status: 200, schema: 'SingleArticleResponse' },
  errors: [403, 404],
});

export const remove = endpoint({
  summary: 'Delete an article (author or moderator)',
  params: bySlug,
  success: { status: 204 },
  errors: [403, 404],
});

/** Favoriting takes a slug and answers the article as the actor now sees it. */
const onFavorite = {
  tag: 'Favorites',
  params: bySlug,
  success: { status: 200, schema: 'SingleArticleResponse' },
  errors: [404],
} as const;

export const favorite = endpoint({ summary: 'Favorite an article', ...onFavorite });
export const unfavorite = endpoint({ summary: 'Unfavorite an article', ...onFavorite });

export const listComments = endpoint({
  summary: "An article's comments (newest first), 100 at a time unless `limit` says otherwise",
  tag: 'Comments',
  params: bySlug,
  // RealWorld clients ask for no page: 100 by default keeps them whole for usual articles.
  query: Joi.object<Page>({ ...pagination, limit: pagination.limit.default(100) }),
  success: { status: 200, schema: 'MultipleCommentsResponse' },
  errors: [404],
});

export const addComment = endpoint({
  summary: 'Comment on an article',
  tag: 'Comments',
  params: bySlug,
  body: Joi.object<{ comment: { body: string } }>({
    comment: Joi.object({ body: Joi.string().trim().min(1).max(5000).required() }).required(),
  }),
  success: { status: 201, schema: 'SingleCommentResponse' },
  errors: [404],
});

export const removeComment = endpoint({
  summary: 'Delete a comment (its author or a moderator)',
  tag: 'Comments',
  params: Joi.object<{ slug: string; id: string }>({
    slug: slugParam,
    id: Joi.string().max(100).required(),
  }),
  success: { status: 204 },
  errors: [403, 404],
});
