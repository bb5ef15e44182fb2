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
  description:
    "Newest first, filtered by `tag`, `author` (username) and `favorited` (a username's favorites), combinable, paged with `limit` (at most 100) and `offset`. List items carry no `body`. Served from the article index in Redis and the read cache: no request scans the articles, even with 20,000 of them. Signed in, `favorited` and `author.following` are yours.",
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
  description:
    'Articles by the authors you follow, newest first, paged like the list. Read from the index of who you follow: the cost does not grow with the number of articles.',
  query: pageQuery,
  success: { status: 200, schema: 'MultipleArticlesResponse' },
});

export const get = endpoint({
  summary: 'Get an article',
  description:
    "One article with its body, its author's profile and its favorites count; `favorited` and `following` are yours when signed in. Usually answered from the read cache.",
  params: bySlug,
  success: { status: 200, schema: 'SingleArticleResponse' },
  errors: [404],
});

export const create = endpoint({
  summary: 'Create an article',
  description:
    'The slug is made from the title (with a suffix while another article has it); tags are trimmed, lower-cased and de-duplicated. The article appears in every list, on this instance and the others, as soon as this answers.',
  body: Joi.object<{ article: ArticleInput }>({ article: articleInput.required() }),
  success: { status: 201, schema: 'SingleArticleResponse' },
});

export const update = endpoint({
  summary: 'Update an article (author only; a new title changes the slug)',
  description:
    'Only the fields you send change. A new title gives a new slug: the old one stops working, and sockets watching the article follow it to the new one.',
  params: bySlug,
  body: Joi.object<{ article: ArticleChanges }>({
    article: articleChanges.required(),
  }),
  success: { status: 200, schema: 'SingleArticleResponse' },
  errors: [403, 404],
});

export const remove = endpoint({
  summary: 'Delete an article (author or moderator)',
  description:
    'Deletes the article with its comments, favorites and attachments. Its author may delete it, and so may moderators and admins.',
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

export const favorite = endpoint({
  summary: 'Favorite an article',
  description:
    'Idempotent: favoriting twice leaves one favorite. Notifies the author (not when you favorite your own article). Answers the article as you now see it.',
  ...onFavorite,
});
export const unfavorite = endpoint({
  summary: 'Unfavorite an article',
  description:
    'Idempotent: unfavoriting what you never favorited changes nothing. Answers the article as you now see it.',
  ...onFavorite,
});

export const listComments = endpoint({
  summary: "An article's comments (newest first), 100 at a time unless `limit` says otherwise",
  description:
    "Each comment with its author's profile, as you see it when signed in. Paged with `limit` and `offset`.",
  tag: 'Comments',
  params: bySlug,
  // RealWorld clients ask for no page: 100 by default keeps them whole for usual articles.
  query: Joi.object<Page>({ ...pagination, limit: pagination.limit.default(100) }),
  success: { status: 200, schema: 'MultipleCommentsResponse' },
  errors: [404],
});

export const addComment = endpoint({
  summary: 'Comment on an article',
  description:
    "The comment is pushed live to sockets watching the article (`comment:created`) and notifies the article's author.",
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
  description:
    'Its author may delete it, and so may moderators and admins; sockets watching the article hear `comment:deleted`.',
  tag: 'Comments',
  params: Joi.object<{ slug: string; id: string }>({
    slug: slugParam,
    id: Joi.string().max(100).required(),
  }),
  success: { status: 204 },
  errors: [403, 404],
});
