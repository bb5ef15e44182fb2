/**
 * Every operation of the API, as the OpenAPI document describes it. Request schemas are
 * the validators' own Joi schemas; tests/integration/openapi.test.ts checks that this list
 * and the Express routers name the same routes.
 */
import type { RequestSchema } from '../middleware/validate';
import * as articleSchemas from '../validations/article.validation';
import * as profileSchemas from '../validations/profile.validation';
import * as userSchemas from '../validations/user.validation';

export type Auth = 'none' | 'optional' | 'required';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express-style path, e.g. /api/v1/articles/:slug */
  path: string;
  tag: string;
  summary: string;
  auth: Auth;
  request?: RequestSchema;
  success: { status: 200 | 201 | 204; schema?: string };
  /** Statuses beyond the ones every operation can answer (429, 500, and 401 when auth applies). */
  errors?: number[];
}

const API = '/api/v1';

export const OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: `${API}/users`,
    tag: 'Users',
    summary: 'Register',
    auth: 'none',
    request: userSchemas.register,
    success: { status: 201, schema: 'UserResponse' },
  },
  {
    method: 'post',
    path: `${API}/users/login`,
    tag: 'Users',
    summary: 'Log in',
    auth: 'none',
    request: userSchemas.login,
    success: { status: 200, schema: 'UserResponse' },
    errors: [401],
  },
  {
    method: 'get',
    path: `${API}/user`,
    tag: 'Users',
    summary: 'Current user',
    auth: 'required',
    success: { status: 200, schema: 'UserResponse' },
  },
  {
    method: 'put',
    path: `${API}/user`,
    tag: 'Users',
    summary: 'Update current user',
    auth: 'required',
    request: userSchemas.update,
    success: { status: 200, schema: 'UserResponse' },
  },
  {
    method: 'get',
    path: `${API}/profiles/:username`,
    tag: 'Profiles',
    summary: 'Get a profile',
    auth: 'optional',
    request: profileSchemas.byUsername,
    success: { status: 200, schema: 'ProfileResponse' },
    errors: [404],
  },
  {
    method: 'post',
    path: `${API}/profiles/:username/follow`,
    tag: 'Profiles',
    summary: 'Follow a user',
    auth: 'required',
    request: profileSchemas.byUsername,
    success: { status: 200, schema: 'ProfileResponse' },
    errors: [404],
  },
  {
    method: 'delete',
    path: `${API}/profiles/:username/follow`,
    tag: 'Profiles',
    summary: 'Unfollow a user',
    auth: 'required',
    request: profileSchemas.byUsername,
    success: { status: 200, schema: 'ProfileResponse' },
    errors: [404],
  },
  {
    method: 'get',
    path: `${API}/articles`,
    tag: 'Articles',
    summary: 'List articles (newest first)',
    auth: 'optional',
    request: articleSchemas.list,
    success: { status: 200, schema: 'MultipleArticlesResponse' },
  },
  {
    method: 'get',
    path: `${API}/articles/feed`,
    tag: 'Articles',
    summary: 'Articles by followed authors',
    auth: 'required',
    request: articleSchemas.feed,
    success: { status: 200, schema: 'MultipleArticlesResponse' },
  },
  {
    method: 'post',
    path: `${API}/articles`,
    tag: 'Articles',
    summary: 'Create an article',
    auth: 'required',
    request: articleSchemas.create,
    success: { status: 201, schema: 'SingleArticleResponse' },
  },
  {
    method: 'get',
    path: `${API}/articles/:slug`,
    tag: 'Articles',
    summary: 'Get an article',
    auth: 'optional',
    request: articleSchemas.get,
    success: { status: 200, schema: 'SingleArticleResponse' },
    errors: [404],
  },
  {
    method: 'put',
    path: `${API}/articles/:slug`,
    tag: 'Articles',
    summary: 'Update an article (author only; a new title changes the slug)',
    auth: 'required',
    request: articleSchemas.update,
    success: { status: 200, schema: 'SingleArticleResponse' },
    errors: [403, 404],
  },
  {
    method: 'delete',
    path: `${API}/articles/:slug`,
    tag: 'Articles',
    summary: 'Delete an article (author only)',
    auth: 'required',
    request: articleSchemas.remove,
    success: { status: 204 },
    errors: [403, 404],
  },
  {
    method: 'post',
    path: `${API}/articles/:slug/favorite`,
    tag: 'Favorites',
    summary: 'Favorite an article',
    auth: 'required',
    request: articleSchemas.favorite,
    success: { status: 200, schema: 'SingleArticleResponse' },
    errors: [404],
  },
  {
    method: 'delete',
    path: `${API}/articles/:slug/favorite`,
    tag: 'Favorites',
    summary: 'Unfavorite an article',
    auth: 'required',
    request: articleSchemas.favorite,
    success: { status: 200, schema: 'SingleArticleResponse' },
    errors: [404],
  },
  {
    method: 'get',
    path: `${API}/articles/:slug/comments`,
    tag: 'Comments',
    summary: "An article's comments (newest first)",
    auth: 'optional',
    request: articleSchemas.listComments,
    success: { status: 200, schema: 'MultipleCommentsResponse' },
    errors: [404],
  },
  {
    method: 'post',
    path: `${API}/articles/:slug/comments`,
    tag: 'Comments',
    summary: 'Comment on an article',
    auth: 'required',
    request: articleSchemas.addComment,
    success: { status: 201, schema: 'SingleCommentResponse' },
    errors: [404],
  },
  {
    method: 'delete',
    path: `${API}/articles/:slug/comments/:id`,
    tag: 'Comments',
    summary: 'Delete a comment (its author only)',
    auth: 'required',
    request: articleSchemas.deleteComment,
    success: { status: 204 },
    errors: [403, 404],
  },
  {
    method: 'get',
    path: `${API}/tags`,
    tag: 'Tags',
    summary: 'Tags in use, most used first',
    auth: 'none',
    success: { status: 200, schema: 'TagsResponse' },
  },
  {
    method: 'get',
    path: '/health/live',
    tag: 'Health',
    summary: 'Liveness: the process is up',
    auth: 'none',
    success: { status: 200, schema: 'LiveResponse' },
  },
  {
    method: 'get',
    path: '/health/ready',
    tag: 'Health',
    summary: 'Readiness: the database answers',
    auth: 'none',
    success: { status: 200, schema: 'ReadyResponse' },
    errors: [503],
  },
];
