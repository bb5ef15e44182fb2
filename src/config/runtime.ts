/** Which environment the app runs in, where it listens, and what it serves besides the API. */
import Joi from 'joi';
import { byEnvironment, oneOf, optional, projectRoot, type EnvOf } from './variables';

export type NodeEnv = 'development' | 'test' | 'production';

export const runtimeVariables = {
  NODE_ENV: oneOf<NodeEnv>('development', 'test', 'production').default('development'),
  PORT: Joi.number().port().default(3000),
  APP_URL: optional(Joi.string().uri({ scheme: ['http', 'https'] })),
  DOCS_ENABLED: Joi.boolean().when(
    'NODE_ENV',
    byEnvironment(Joi.boolean().default(false), Joi.boolean().default(true)),
  ),
  GRAPHQL_INTROSPECTION: Joi.boolean().when(
    'NODE_ENV',
    byEnvironment(Joi.boolean().default(false), Joi.boolean().default(true)),
  ),
  // GraphiQL's assets are a dev dependency: production has none to serve.
  GRAPHIQL_ENABLED: Joi.boolean()
    .when('NODE_ENV', {
      is: 'development',
      then: Joi.boolean().default(true),
      otherwise: Joi.boolean().default(false),
    })
    .when('NODE_ENV', { is: 'production', then: Joi.valid(false) }),
  GRAPHQL_MAX_DEPTH: Joi.number().integer().min(2).max(50).default(8),
  GRAPHQL_MAX_COST: Joi.number().integer().min(10).default(5000),
};

export const runtimeConfig = (env: EnvOf<typeof runtimeVariables>) => ({
  env: env.NODE_ENV,
  isProduction: env.NODE_ENV === 'production',
  port: env.PORT,
  projectRoot,
  /**
   * Public base URL of the app, for links in emails and file URLs; unset, links follow the
   * proxy's forwarded host or the port the server listens on (src/utils/public-url.ts).
   */
  appUrl: env.APP_URL?.replace(/\/$/, ''),
  /** Serve /docs (OpenAPI JSON and Swagger UI). */
  docsEnabled: env.DOCS_ENABLED,
  /** POST/GET /graphql: introspection and GraphiQL (development), depth and cost limits. */
  graphql: {
    introspection: env.GRAPHQL_INTROSPECTION,
    graphiql: env.GRAPHIQL_ENABLED,
    maxDepth: env.GRAPHQL_MAX_DEPTH,
    maxCost: env.GRAPHQL_MAX_COST,
  },
});
