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
import { rolesWith, type Permission } from '../domain/permissions';
import type { AuthLevel } from '../middleware/auth';
import type { LimitPolicy } from '../middleware/rate-limit';
import type { Mount } from '../routes';
import { jsonSchemaOf } from './joi-schema';
import { schemasReachableFrom } from './schemas';

/** What each error status means in this API: the shared responses every operation may answer. */
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request: invalid JSON, a badly percent-encoded URL, or an HTTPS-only action over HTTP',
  401: 'Missing, invalid or expired token',
  403: 'Authenticated, but not allowed (not the owner)',
  404: 'No such resource',
  405: 'Method not allowed here (see Allow); GraphQL mutations only over POST',
  406: 'No acceptable media type (see Accept)',
  408: 'The request was not received within HTTP_REQUEST_TIMEOUT_MS (or its headers within HTTP_HEADERS_TIMEOUT_MS)',
  412: 'A precondition failed: If-Match names no current ETag, or the file changed after If-Unmodified-Since',
  413: 'Body or file larger than the configured limit, or over your upload quota (QUOTA_EXCEEDED)',
  415: 'A body in a charset, Content-Encoding or media type the API does not take; a file of a type not accepted (decided from its bytes)',
  416: 'The requested range is outside the file (see Content-Range)',
  422: 'Invalid input, with per-field messages',
  429: 'Rate limit exceeded (see Retry-After and RateLimit headers)',
  431: 'Request headers (or the URL) larger than HTTP_MAX_HEADER_SIZE',
  500: 'Unexpected error (no internals in production)',
  503: 'A dependency (database, session store) is unreachable; see Retry-After',
};

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
    const binary = { schema: { type: 'string', format: 'binary' } };
    const types = typeof mediaType === 'string' ? [mediaType] : mediaType;
    return {
      description: description ?? 'Success',
      content: Object.fromEntries(types.map((type) => [type, binary])),
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

const WHO: Record<AuthLevel | 'none', string> = {
  none: 'Anyone may call it.',
  optional: 'Anyone may call it; signed in (a token or the session cookie), the answer is yours.',
  required: 'Signed in only: a token (`Token` or `Bearer`) or the session cookie.',
};

const duration = (ms: number) =>
  ms % 3_600_000 === 0
    ? `${ms / 3_600_000} h`
    : ms % 60_000 === 0
      ? `${ms / 60_000} min`
      : `${ms / 1000} s`;

/**
 * The operation's description: the spec's own words, then who may call it and what it
 * costs in rate limits, read from the route's middleware (auth, authorize, limiters tag
 * themselves), so the document cannot promise what the route does not do.
 */
function describe(spec: EndpointSpec, auth: AuthLevel | 'none', handlers: unknown[]): string {
  // What a middleware says of itself (`authorize` its permission, a limiter its policy).
  const tagged = <T>(key: string): T[] =>
    handlers.flatMap((h) =>
      typeof h === 'function' && key in h ? [(h as unknown as Record<string, T>)[key]] : [],
    );
  const [permission] = tagged<Permission>('permission');
  const who = permission
    ? `Signed in with the \`${permission}\` permission: ${rolesWith(permission).join(', ')}.`
    : WHO[auth];
  const limits = tagged<LimitPolicy>('policy').map(
    (p) =>
      `${p.max} ${p.failuresOnly ? 'failed attempts' : 'requests'} per ${duration(p.windowMs)} per ${p.per}`,
  );
  return [
    spec.description,
    `**Who:** ${who}`,
    ...(limits.length > 0
      ? [`**Rate limits** (besides the global one): ${limits.join('; ')}.`]
      : []),
  ].join('\n\n');
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
        description: describe(spec, auth, route.handlers),
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
        'The RealWorld "Conduit" API. Errors always have the shape `{ errors: { field: [messages] }, code, requestId }`. Every request to /api/v1 and /graphql counts against a global limit per client IP (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS); a 429 carries Retry-After and the IETF RateLimit headers.',
      // Where a reader turns with a question: the project's own guide (no address is public).
      contact: { name: 'The maintainers of this repository: see CONTRIBUTING.md' },
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
      schemas: schemasReachableFrom({ paths, errorResponses }),
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
