/**
 * The OpenAPI 3.1 document. Request parameters and bodies are converted from the very Joi
 * schemas that validate requests (joi-to-swagger), so docs and validation cannot disagree;
 * responses reference the schemas in ./schemas; the operations come from ./operations.
 */
import type Joi from 'joi';
import j2s from 'joi-to-swagger';
import { OPERATIONS, type Operation } from './operations';
import { componentSchemas, ERROR_DESCRIPTIONS } from './schemas';

type Json = Record<string, unknown>;

/** joi-to-swagger speaks OpenAPI 3.0; turn `nullable` into 3.1's type lists, drop request-side `additionalProperties: false` (unknown keys are stripped, not refused). */
function toOas31(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toOas31);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, additionalProperties, ...rest } = schema as Json;
  const out: Json = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, toOas31(v)]));
  if (additionalProperties !== undefined && additionalProperties !== false)
    out.additionalProperties = toOas31(additionalProperties);
  if (nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

const convert = (schema: Joi.Schema) => toOas31(j2s(schema).swagger) as Json;

function parameters(schema: Joi.Schema | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const { properties = {}, required = [] } = convert(schema) as {
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

function responses(op: Operation) {
  const statuses = new Set([...(op.errors ?? []), 429, 500]);
  // Any token may be refused (401), and a banned account's is forbidden (403).
  if (op.auth !== 'none') [401, 403].forEach((st) => statuses.add(st));
  if (op.request?.body) [400, 413, 422].forEach((s) => statuses.add(s));
  if (op.request?.query || op.request?.params) statuses.add(422);
  const out: Json = {
    [op.success.status]: op.success.schema
      ? {
          description: 'Success',
          content: {
            'application/json': { schema: { $ref: `#/components/schemas/${op.success.schema}` } },
          },
        }
      : {
          description:
            op.success.status === 302 ? 'Redirect (see Location)' : 'Success, no content',
        },
  };
  for (const status of [...statuses].sort()) {
    out[status] = { $ref: `#/components/responses/Error${status}` };
  }
  return out;
}

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

export function buildOpenApiDocument() {
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const security = {
      none: undefined,
      required: [{ Token: [] }, { Bearer: [] }, { Session: [] }],
      optional: [{}, { Token: [] }, { Bearer: [] }, { Session: [] }],
    }[op.auth];
    (paths[toOpenApiPath(op.path)] ??= {})[op.method] = {
      tags: [op.tag],
      summary: op.summary,
      operationId: `${op.method}${toOpenApiPath(op.path).replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string = '') => c.toUpperCase())}`,
      ...(security && { security }),
      parameters: [
        ...parameters(op.request?.params, 'path'),
        ...parameters(op.request?.query, 'query'),
      ],
      ...(op.request?.body && {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: convert(op.request.body) } },
        },
      }),
      responses: responses(op),
    };
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
      'Tags',
      'Auth',
      'Admin',
      'Health',
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
