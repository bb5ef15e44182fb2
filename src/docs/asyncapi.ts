/**
 * The AsyncAPI 3 document of the Socket.IO API, read from src/realtime/contract.ts: the
 * events clients send (payloads converted from the Joi schemas that check them, replies
 * being the acknowledgements) and the events the server pushes to rooms (payloads from
 * ./schemas, shared with the OpenAPI document). Served at /docs/asyncapi.json.
 */
import {
  clientEvents,
  serverEvents,
  type ClientEventName,
  type ServerToClientEvents,
} from '../realtime/contract';
import { jsonSchemaOf } from './joi-schema';
import { componentSchemas, schemasReachableFrom } from './schemas';

type Json = Record<string, unknown>;

const ref = (path: string) => ({ $ref: `#/${path}` });
/** `comment:created` → `commentCreated`: names for components and operations. */
const camel = (event: string) => event.replace(/[:-](\w)/g, (_m, c: string) => c.toUpperCase());

const ERROR_ACK = {
  type: 'object',
  description: 'A refusal: the REST error shape, with `ok: false`.',
  properties: {
    ok: { const: false },
    code: { type: 'string', examples: ['VALIDATION_FAILED', 'RATE_LIMITED', 'NOT_FOUND'] },
    errors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    requestId: { type: 'string', description: 'Also on the server’s log lines for this event' },
  },
  required: ['ok', 'code', 'errors', 'requestId'],
  additionalProperties: false,
};

/** `{ ok: true }` plus the properties of the result schema, if any. */
function successAck(result: string | undefined): Json {
  const schema = result ? (componentSchemas[result] as Json) : {};
  const properties = (schema.properties as Json | undefined) ?? {};
  return {
    type: 'object',
    properties: { ok: { const: true }, ...properties },
    required: ['ok', ...Object.keys(properties)],
    additionalProperties: false,
  };
}

const CHANNELS: Record<'user' | 'article' | 'socket', Json> = {
  user: {
    address: 'user:{userId}',
    title: 'Your user room',
    description: 'Every socket joins its user’s room: notifications and direct messages.',
    parameters: { userId: { description: 'The signed-in user’s id' } },
  },
  article: {
    address: 'article:{slug}',
    title: 'An article room',
    description: 'Joined with `article:join`: the article’s live comments and changes.',
    parameters: { slug: { description: 'The article’s slug' } },
  },
  socket: {
    address: null,
    title: 'The socket itself',
    description: 'Events a client emits, and what the server says to one socket.',
  },
};

export function buildAsyncApiDocument() {
  const channels: Record<string, Json> = {};
  const operations: Record<string, Json> = {};
  const messages: Record<string, Json> = {};
  for (const [name, channel] of Object.entries(CHANNELS))
    channels[name] = { ...channel, messages: {} };
  const addMessage = (channel: string, key: string, message: Json) => {
    messages[key] = message;
    (channels[channel].messages as Json)[key] = ref(`components/messages/${key}`);
    return ref(`channels/${channel}/messages/${key}`);
  };

  for (const [event, spec] of Object.entries(serverEvents) as [
    keyof ServerToClientEvents,
    (typeof serverEvents)[keyof ServerToClientEvents],
  ][]) {
    const key = camel(event);
    const message = addMessage(spec.room, key, {
      name: event,
      title: event,
      summary: spec.summary,
      ...(spec.schema && { payload: ref(`components/schemas/${spec.schema}`) }),
      ...(spec.acknowledged && {
        description:
          'Call the acknowledgement callback (with any value): it marks the message delivered.',
      }),
    });
    operations[`push${key[0].toUpperCase()}${key.slice(1)}`] = {
      action: 'send',
      channel: ref(`channels/${spec.room}`),
      summary: spec.summary,
      messages: [message],
    };
  }

  for (const [event, spec] of Object.entries(clientEvents) as [
    ClientEventName,
    (typeof clientEvents)[ClientEventName],
  ][]) {
    const key = camel(event);
    const request = addMessage('socket', key, {
      name: event,
      title: event,
      summary: spec.summary,
      payload: jsonSchemaOf(spec.payload),
    });
    const result = 'result' in spec ? spec.result : undefined;
    const reply = addMessage('socket', `${key}Ack`, {
      name: `${event} acknowledgement`,
      summary: `The acknowledgement of ${event}`,
      payload: { oneOf: [successAck(result), ERROR_ACK] },
    });
    operations[`on${key[0].toUpperCase()}${key.slice(1)}`] = {
      action: 'receive',
      channel: ref('channels/socket'),
      summary: spec.summary,
      messages: [request],
      reply: { channel: ref('channels/socket'), messages: [reply] },
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Conduit real-time API (Socket.IO)',
      version: '1.0.0',
      description: [
        'Socket.IO v4 on the API’s own HTTP server, path `/socket.io`. Authenticate the',
        'handshake with `auth: { token }` (the access token of the REST API) or the cookie',
        'session; a refusal is a `connect_error` whose `data` is `{ code, errors }`.',
        'Client events get an acknowledgement: `{ ok: true, … }` or `{ ok: false, code,',
        'errors, requestId }`. Limits per socket: events per window (RATE_LIMITED) and',
        'bytes per event (PAYLOAD_TOO_LARGE).',
      ].join(' '),
    },
    servers: {
      api: {
        host: 'localhost:3000',
        protocol: 'ws',
        pathname: '/socket.io',
        description: 'Socket.IO (Engine.IO v4 over WebSocket, or HTTP long-polling)',
        security: [
          ref('components/securitySchemes/token'),
          ref('components/securitySchemes/session'),
        ],
      },
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      messages,
      schemas: schemasReachableFrom({ channels, messages }),
      securitySchemes: {
        token: {
          type: 'httpApiKey',
          name: 'token',
          in: 'query',
          description:
            'Sent in the Socket.IO handshake as `auth: { token }` (not in the URL): the JWT of the REST API.',
        },
        session: {
          type: 'httpApiKey',
          name: 'conduit.sid',
          in: 'cookie',
          description: 'The cookie session of POST /api/v1/auth/session, from an allowed origin.',
        },
      },
    },
  };
}

export type AsyncApiDocument = ReturnType<typeof buildAsyncApiDocument>;
