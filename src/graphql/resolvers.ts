/**
 * GraphQL resolvers: a transport like the REST controllers. Each checks its arguments with
 * the REST endpoint's own Joi schema, applies the same write limits, and calls the same
 * service — so permissions, validation and errors are the REST API's, field for field.
 */
import type { RequestHandler } from 'express';
import type { Actor } from '../domain/permissions';
import * as articleSpec from '../endpoints/article.endpoints';
import * as profileSpec from '../endpoints/profile.endpoints';
import * as userSpec from '../endpoints/user.endpoints';
import type { Limiters } from '../middleware/limits';
import { validateInput } from '../endpoints/endpoint';
import type { ArticleView } from '../presenters/article.presenter';
import type { Services } from '../services';
import { NotFoundError, UnauthorizedError } from '../utils/errors';
import type { Loaders } from './loaders';

export type GraphqlContext = {
  /** The signed-in user (the same Authorization header or session as REST), if any. */
  actor?: Actor;
  loaders: Loaders;
  /** Counts this request against one of the REST API's rate limiters (429 past it). */
  limit(limiter: RequestHandler): Promise<void>;
};

type Args = Record<string, unknown>;
type Page = { limit?: number; offset?: number };

function signedIn(context: GraphqlContext): Actor {
  if (!context.actor) throw new UnauthorizedError('authentication required', 'authorization');
  return context.actor;
}

/** `null` instead of 404 for a single thing asked by name: GraphQL's way to say "none". */
async function orNull<T>(find: Promise<T>): Promise<T | null> {
  try {
    return await find;
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

const page = (args: Page) => validateInput(articleSpec.feed, { query: args }).query;

export function createResolvers(services: Services, limits: Limiters) {
  const { users, profiles, articles, comments, tags } = services;

  return {
    Query: {
      viewer: (_: unknown, __: Args, ctx: GraphqlContext) =>
        ctx.actor ? users.current(ctx.actor.id) : null,

      profile: (_: unknown, args: Args, ctx: GraphqlContext) => {
        const { params } = validateInput(profileSpec.get, { params: args });
        return ctx.loaders.profile.load(params.username);
      },

      article: (_: unknown, args: Args, ctx: GraphqlContext) => {
        const { params } = validateInput(articleSpec.get, { params: args });
        return orNull(articles.get(params.slug, ctx.actor?.id));
      },

      articles: (_: unknown, args: Args, ctx: GraphqlContext) => {
        const { limit, offset, ...filter } = validateInput(articleSpec.list, { query: args }).query;
        return articles.list(filter, { limit, offset }, ctx.actor?.id);
      },

      feed: (_: unknown, args: Page, ctx: GraphqlContext) =>
        articles.feed(signedIn(ctx).id, page(args)),

      comments: async (_: unknown, args: Args & Page, ctx: GraphqlContext) => {
        const { params, query } = validateInput(articleSpec.listComments, {
          params: { slug: args.slug },
          query: { limit: args.limit, offset: args.offset },
        });
        return (await comments.list(params.slug, query, ctx.actor?.id)).comments;
      },

      tags: () => tags.list(),
    },

    Article: {
      // List items carry no body; one batched query fetches the bodies asked for.
      body: (article: ArticleView, _: Args, ctx: GraphqlContext) =>
        article.body ?? ctx.loaders.articleBody.load(article.slug).then((body) => body ?? ''),

      comments: async (article: ArticleView, args: Page, ctx: GraphqlContext) => {
        const { limit, offset } = validateInput(articleSpec.listComments, {
          params: { slug: article.slug },
          query: args,
        }).query;
        const all = await ctx.loaders.articleComments.load(article.slug);
        return all.slice(offset, offset + limit);
      },
    },

    Mutation: {
      // Sign-ups and logins per client address, as over REST.
      register: async (_: unknown, args: Args, ctx: GraphqlContext) => {
        await ctx.limit(limits.authByIp);
        return users.register(validateInput(userSpec.register, { body: args }).body.user);
      },

      login: async (_: unknown, args: Args, ctx: GraphqlContext) => {
        await ctx.limit(limits.authByIp);
        return users.login(validateInput(userSpec.login, { body: args }).body.user);
      },

      createArticle: async (_: unknown, args: Args, ctx: GraphqlContext) => {
        const { id } = signedIn(ctx);
        const { body } = validateInput(articleSpec.create, { body: args });
        await ctx.limit(limits.articleWrites);
        return articles.create(id, body.article);
      },

      updateArticle: async (_: unknown, args: Args, ctx: GraphqlContext) => {
        const { id } = signedIn(ctx);
        const { params, body } = validateInput(articleSpec.update, {
          params: { slug: args.slug },
          body: { article: args.article },
        });
        await ctx.limit(limits.articleWrites);
        return articles.update(id, params.slug, body.article);
      },

      deleteArticle: async (_: unknown, args: Args, ctx: GraphqlContext) => {
        const { params } = validateInput(articleSpec.remove, { params: args });
        await articles.remove(signedIn(ctx), params.slug);
        return true;
      },

      favoriteArticle: (_: unknown, args: Args, ctx: GraphqlContext) => {
        const { params } = validateInput(articleSpec.favorite, { params: args });
        return articles.favorite(signedIn(ctx).id, params.slug);
      },

      unfavoriteArticle: (_: unknown, args: Args, ctx: GraphqlContext) => {
        const { params } = validateInput(articleSpec.unfavorite, { params: args });
        return articles.unfavorite(signedIn(ctx).id, params.slug);
      },

      followUser: (_: unknown, args: Args, ctx: GraphqlContext) => {
        const { params } = validateInput(profileSpec.follow, { params: args });
        return profiles.follow(signedIn(ctx).id, params.username);
      },

      unfollowUser: (_: unknown, args: Args, ctx: GraphqlContext) => {
        const { params } = validateInput(profileSpec.unfollow, { params: args });
        return profiles.unfollow(signedIn(ctx).id, params.username);
      },

      addComment: async (_: unknown, args: Args, ctx: GraphqlContext) => {
        const { id } = signedIn(ctx);
        const { params, body } = validateInput(articleSpec.addComment, {
          params: { slug: args.slug },
          body: { comment: args.comment },
        });
        await ctx.limit(limits.commentWrites);
        return comments.add(id, params.slug, body.comment.body);
      },

      deleteComment: async (_: unknown, args: Args, ctx: GraphqlContext) => {
        const { params } = validateInput(articleSpec.removeComment, { params: args });
        await comments.remove(signedIn(ctx), params.slug, params.id);
        return true;
      },
    },
  };
}
