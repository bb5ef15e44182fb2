/**
 * POST/GET /graphql over graphql-http (the GraphQL-over-HTTP reference server), with the
 * REST API's authentication in front (auth.optional: the same Authorization header or
 * session), per-request DataLoaders, depth and cost limits (GraphQL Armor rules), and in
 * development introspection and the GraphiQL IDE (Ruru) at /graphiql.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import path from 'node:path';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import {
  NoSchemaIntrospectionCustomRule,
  type GraphQLError,
  type ValidationContext,
} from 'graphql';
import { createHandler, parseRequestParams } from 'graphql-http';
import type { Auth } from '../middleware/auth';
import type { Limiters } from '../middleware/limits';
import { AppError } from '../utils/errors';
import type { Services } from '../services';
import { formatError } from './errors';
import { createLoaders } from './loaders';
import { createResolvers, type GraphqlContext } from './resolvers';
import { typeDefs } from './type-defs';

export interface GraphqlSettings {
  /** Schema introspection (and so GraphiQL's docs); off in production. */
  introspection: boolean;
  /** The GraphiQL IDE at /graphiql; development only (Ruru is a dev dependency). */
  graphiql: boolean;
  maxDepth: number;
  maxCost: number;
  exposeInternals: boolean;
}

interface Deps {
  services: Services;
  auth: Auth;
  limits: Limiters;
}

function buildSchema(deps: Pick<Deps, 'services' | 'limits'>) {
  return makeExecutableSchema({
    typeDefs,
    resolvers: createResolvers(deps.services, deps.limits),
  });
}

/** Runs an Express middleware (a rate limiter) outside the route's chain. */
const run = (middleware: RequestHandler, req: Request, res: Response) =>
  new Promise<void>((resolve, reject) => {
    void middleware(req, res, (err?: unknown) => (err ? reject(err) : resolve()));
  });

/** graphql-http's plain-text refusals (not GraphQL results), as the project's errors. */
const REFUSALS: Record<number, string> = {
  400: 'BAD_REQUEST',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** The messages of a refusal's body: plain text, or a GraphQL `{ errors }` without a media type. */
function messagesOf(body: string | null, statusText = 'refused'): string[] {
  try {
    const { errors } = JSON.parse(body ?? '') as { errors?: { message: string }[] };
    if (errors?.length) return errors.map((e) => e.message);
  } catch {
    // plain text
  }
  return [body || statusText];
}

const report = (context: ValidationContext | null, error: GraphQLError) =>
  context?.reportError(error);

const GRAPHIQL_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'";

export function createGraphqlRouter(settings: GraphqlSettings, deps: Deps) {
  const schema = buildSchema(deps);
  // Rejections reported as validation errors (the rules throw by default, for Envelop).
  const reject = { propagateOnRejection: false, onReject: [report], ignoreIntrospection: true };
  const limits = [
    maxDepthRule({ n: settings.maxDepth, ...reject }),
    costLimitRule({ maxCost: settings.maxCost, ...reject }),
    ...(settings.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  const handle = createHandler<Request, { res: Response }, GraphqlContext>({
    schema,
    validationRules: (_req, _args, specified) => [...specified, ...limits],
    context: (req) => ({
      actor: req.raw.auth,
      loaders: createLoaders(deps.services, req.raw.auth?.id),
      limit: (limiter) => run(limiter, req.raw, req.context.res),
    }),
    formatError: (err) => formatError(err, settings.exposeInternals),
    // Not a GraphQL request at all ("Missing query", bad variables): a plain-text 400,
    // which the route turns into the project's error shape.
    parseRequestParams: async (req) => {
      try {
        return await parseRequestParams(req);
      } catch (err) {
        return [(err as Error).message, { status: 400, statusText: 'Bad Request' }];
      }
    },
  });

  const graphql: RequestHandler = async (req, res) => {
    const [body, init] = await handle({
      url: req.originalUrl,
      method: req.method,
      headers: req.headers,
      body: () => req.body, // parsed by express.json; {} for other media types
      raw: req,
      context: { res },
    });
    res.set(init.headers);
    const refusal = REFUSALS[init.status];
    if (refusal && !/json/.test(String(init.headers?.['content-type'])))
      throw new AppError(init.status, refusal, { graphql: messagesOf(body, init.statusText) });
    res.status(init.status).send(body);
  };

  const router = Router();
  router.all('/graphql', deps.auth.optional, graphql);
  if (settings.graphiql) {
    const staticPath = '/graphiql/static/';
    router.get('/graphiql', async (_req, res) => {
      const { ruruHTML } = await import('ruru/server');
      res.set('Content-Security-Policy', GRAPHIQL_CSP);
      res.type('html').send(ruruHTML({ endpoint: '/graphql', staticPath }));
    });
    // Ruru's bundled assets, from the package (no CDN: GraphiQL works offline).
    const assets = path.join(path.dirname(require.resolve('ruru')), '..', 'static');
    router.use(staticPath, express.static(assets, { maxAge: '1h' }));
  }
  return { router, schema };
}
