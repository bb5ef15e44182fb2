/**
 * The OpenAPI 3.1 document, read from the routes Express serves — the routers' own route
 * table (`router.stack`, what Express matches requests against): each route gives method,
 * path and auth; its handler's endpoint spec gives summary, parameters and bodies
 * (converted from the very Joi schemas that validate requests, see ./joi-schema) and
 * responses (schemas in ./schemas). Docs and behaviour cannot disagree.
 */
import type { Router } from 'express';
import type Joi from 'joi';
import type { EndpointSpec, SuccessAnswer } from '../endpoints/endpoint';
import type { AuthLevel } from '../middleware/auth';
import type { Mount } from '../routes';
import { jsonSchemaOf } from './joi-schema';
import { componentSchemas, ERROR_DESCRIPTIONS } from './schemas';

type Json = Record<string, unknown>;

function parameters(schema: Joi.Schema | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchemaOf(schema) as {
    properties?: Json;
    required?: string[];
  };
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    schema: s,
  }));
}

/**
 * What any operation can answer, whatever its spec: a malformed URL or body (400), a
 * request sent too slowly (408), a body too large (413, body-less routes too) or in an
 * unread charset or encoding (415), headers too large (431), a rate limit (429), a
 * dependency down (503), a bug (500).
 */
const ALWAYS = [400, 408, 413, 415, 429, 431, 500, 503];

function responses(spec: EndpointSpec, auth: AuthLevel | 'none', method: string) {
  const statuses = new Set([...(spec.errors ?? []), ...ALWAYS]);
  // Any token may be refused (401), and a banned account's is forbidden (403).
  if (auth !== 'none') [401, 403].forEach((status) => statuses.add(status));
  if (spec.body || spec.query || spec.params || spec.upload) statuses.add(422);
  const out: Json = {};
  for (const answer of [spec.success, ...(spec.alsoAnswers ?? [])])
    out[answer.status] = success(answer);
  // Every GET answer carries an ETag; sent back in If-None-Match, it gets a 304.
  if (method === 'get') out[304] ??= success({ status: 304 });
  for (const error of [...statuses].sort()) {
    out[error] = { $ref: `#/components/responses/Error${error}` };
  }
  return out;
}

const NO_BODY: Record<number, string> = {
  204: 'Success, no content',
  302: 'Redirect (see Location)',
  304: 'Not modified: the copy the client has is current',
};

function success({ status, schema, mediaType, description }: SuccessAnswer): Json {
  if (schema) {
    return {
      description: description ?? 'Success',
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
    };
  }
  if (mediaType) {
    return {
      description: description ?? 'Success',
      content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } },
    };
  }
  return { description: description ?? NO_BODY[status] ?? 'Success' };
}

/** The request body: JSON from its Joi schema, multipart files, or a raw stream. */
function requestBody(spec: EndpointSpec): Json | undefined {
  if (spec.body)
    return { required: true, content: { 'application/json': { schema: jsonSchemaOf(spec.body) } } };
  if (spec.upload) {
    const { field, multiple, description } = spec.upload;
    const file = { type: 'string', format: 'binary' };
    return {
      required: true,
      description,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: [field],
            properties: {
              [field]: multiple ? { type: 'array', items: file } : file,
            },
          },
        },
      },
    };
  }
  if (spec.rawBody) {
    return {
      required: true,
      description: spec.rawBody.description,
      content: { [spec.rawBody.mediaType]: { schema: { type: 'string' } } },
    };
  }
  return undefined;
}

interface Route {
  method: string;
  /** Express-style, relative to where the router is mounted, e.g. /:slug */
  path: string;
  handlers: unknown[];
}

/** The routes of an Express router, from its route table: one per path and method. */
function routesOf(router: Router): Route[] {
  return router.stack.flatMap(({ route }) => {
    if (!route) return []; // router.use(...) middleware, not a route
    const methods = new Set(route.stack.map((layer) => layer.method));
    const handlers = route.stack.map((layer) => layer.handle);
    return [...methods].map((method) => ({ method, path: route.path, handlers }));
  });
}

const isHandler = (h: unknown): h is { spec: EndpointSpec } =>
  typeof h === 'function' && 'spec' in h;
const hasAuthLevel = (h: unknown): h is { authLevel: AuthLevel } =>
  typeof h === 'function' && 'authLevel' in h;

/** The route's spec, carried by its handler (`handle(spec, fn)`); a route without one fails. */
function specOf(route: Route, where: string): EndpointSpec {
  const handler = route.handlers.findLast(isHandler);
  if (!handler) throw new Error(`${where}: its handler must be made with handle(spec, fn)`);
  return handler.spec;
}

const SECURITY = {
  none: undefined,
  required: [{ Token: [] }, { Bearer: [] }, { Session: [] }],
  optional: [{}, { Token: [] }, { Bearer: [] }, { Session: [] }],
};

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** `mounts`: the REST routes; `extraPaths`: paths not served by a documented router (/graphql). */
export function buildOpenApiDocument(mounts: Mount[], extraPaths: Record<string, Json> = {}) {
  const paths: Record<string, Json> = { ...extraPaths };
  for (const mount of mounts) {
    for (const route of routesOf(mount.router)) {
      const path = toOpenApiPath(`${mount.path}${route.path}`.replace(/(.)\/$/, '$1'));
      const spec = specOf(route, `${route.method.toUpperCase()} ${path}`);
      const auth = route.handlers.find(hasAuthLevel)?.authLevel ?? 'none';
      const security = SECURITY[auth];
      (paths[path] ??= {})[route.method] = {
        tags: [spec.tag ?? mount.tag],
        summary: spec.summary,
        operationId: `${route.method}${path.replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string = '') => c.toUpperCase())}`,
        ...(security && { security }),
        parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
        ...(requestBody(spec) && { requestBody: requestBody(spec) }),
        responses: responses(spec, auth, route.method),
      };
    }
  }
  const errorResponses = Object.fromEntries(
    Object.entries(ERROR_DESCRIPTIONS).map(([status, description]) => [
      `Error${status}`,
      {
        description,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Conduit reference API',
      version: '1.0.0',
      description:
        'The RealWorld "Conduit" API. Errors always have the shape `{ errors: { field: [messages] }, code, requestId }`.',
    },
    servers: [{ url: '/' }],
    tags: [
      'Users',
      'Profiles',
      'Articles',
      'Favorites',
      'Comments',
      'Attachments',
      'Files',
      'Tags',
      'Notifications',
      'Messages',
      'Auth',
      'Admin',
      'Health',
      'GraphQL',
    ].map((name) => ({ name })),
    paths,
    components: {
      schemas: componentSchemas,
      responses: errorResponses,
      securitySchemes: {
        Token: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'RealWorld style: `Token <jwt>`',
        },
        Bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        Session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'conduit.sid',
          description:
            'From POST /api/v1/auth/session; unsafe methods also need the X-CSRF-Token header.',
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
