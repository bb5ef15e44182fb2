/**
 * /graphql in the OpenAPI document: one path, GraphQL over HTTP. Its operations are in
 * the GraphQL schema (docs/schema.graphql); here are the HTTP envelope and every status.
 */
type Json = Record<string, unknown>;

const errorRef = (status: number) => ({ $ref: `#/components/responses/Error${status}` });
const graphqlResult = (description: string, schema: string) => ({
  description,
  content: {
    'application/json': { schema: { $ref: `#/components/schemas/${schema}` } },
    'application/graphql-response+json': { schema: { $ref: `#/components/schemas/${schema}` } },
  },
});

function operation(method: 'get' | 'post'): Json {
  return {
    tags: ['GraphQL'],
    summary:
      method === 'post'
        ? 'Run a GraphQL query or mutation'
        : 'Run a GraphQL query (mutations only over POST)',
    description: [
      'The same services, permissions, validation and errors as the REST API, as a GraphQL schema (docs/schema.graphql): a page of articles with their authors and bodies costs a constant number of reads (DataLoader). Queries deeper than GRAPHQL_MAX_DEPTH or costlier than GRAPHQL_MAX_COST are refused before they run.',
      method === 'get'
        ? 'GET runs queries only, so a GET never changes anything (and may be cached by the client).'
        : 'POST runs queries and mutations. `register` and `login` count against the same per-IP limit as the REST sign-in.',
      '**Who:** Anyone may call it; fields and mutations that need a signed-in user answer an error with `extensions.code` UNAUTHORIZED.',
    ].join('\n\n'),
    operationId: `${method}Graphql`,
    security: [{}, { Token: [] }, { Bearer: [] }, { Session: [] }],
    ...(method === 'get'
      ? {
          parameters: ['query', 'variables', 'operationName'].map((name) => ({
            name,
            in: 'query',
            required: name === 'query',
            schema: { type: 'string' },
          })),
        }
      : {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/GraphQLRequest' } },
            },
          },
        }),
    responses: {
      200: graphqlResult(
        'A GraphQL result: `data`, and `errors` whose `extensions` carry the project error code, HTTP status and field details',
        'GraphQLResponse',
      ),
      400: graphqlResult(
        'A malformed request (project error shape), or with Accept: application/graphql-response+json a query that does not parse or validate (depth, cost, unknown fields)',
        'GraphQLBadRequest',
      ),
      401: errorRef(401),
      403: errorRef(403),
      405: errorRef(405),
      406: errorRef(406),
      408: errorRef(408),
      413: errorRef(413),
      415: errorRef(415),
      429: errorRef(429),
      431: errorRef(431),
      500: errorRef(500),
      503: errorRef(503),
    },
  };
}

export const graphqlPaths: Record<string, Json> = {
  '/graphql': { get: operation('get'), post: operation('post') },
};
