/**
 * Requests as the serverless platforms deliver them: API Gateway HTTP API (payload 2.0)
 * events, built from one recorded event, and Lambda's response shape.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import request from 'supertest';
import recorded from '../fixtures/lambda/http-api-v2-event.json';

export interface HttpApiEventInput {
  method?: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  /** A string is sent as text; a Buffer base64-encoded, as API Gateway sends binary bodies. */
  body?: string | Buffer;
  cookies?: string[];
}

export interface HttpApiResult {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: string;
  isBase64Encoded: boolean;
}

let sequence = 0;

export function httpApiEvent(input: HttpApiEventInput) {
  const method = input.method ?? 'GET';
  const binary = Buffer.isBuffer(input.body);
  const body = binary ? (input.body as Buffer).toString('base64') : input.body;
  const length = input.body === undefined ? 0 : Buffer.byteLength(input.body);
  sequence += 1;
  return {
    ...recorded,
    rawPath: input.path,
    rawQueryString: input.query ?? '',
    headers: { ...recorded.headers, 'content-length': String(length), ...input.headers },
    ...(input.cookies && { cookies: input.cookies }),
    requestContext: {
      ...recorded.requestContext,
      http: { ...recorded.requestContext.http, method, path: input.path },
      requestId: `${recorded.requestContext.requestId}${sequence}`,
    },
    ...(body !== undefined && { body }),
    isBase64Encoded: binary,
  };
}

/** The response body as JSON (decoding base64 when Lambda answered binary). */
export function jsonOf(result: HttpApiResult) {
  return JSON.parse(bodyOf(result).toString('utf8'));
}

export function bodyOf(result: HttpApiResult): Buffer {
  return Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
}

/** A multipart/form-data body with one file field, as a browser sends it. */
export function multipart(field: string, filename: string, type: string, bytes: Buffer) {
  const boundary = `----conduit${Date.now().toString(16)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        `Content-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Defines `prop` as Vercel's runtime does: computed on first read, replaceable by
 * assignment (Express assigns req.body once it has parsed the stream).
 */
function lazy(target: object, prop: string, compute: () => unknown) {
  const settle = (value: unknown) =>
    Object.defineProperty(target, prop, {
      value,
      writable: true,
      configurable: true,
      enumerable: true,
    });
  Object.defineProperty(target, prop, {
    configurable: true,
    enumerable: true,
    get: () => {
      const value = compute();
      settle(value);
      return value;
    },
    set: settle,
  });
}

/**
 * A stand-in for Vercel's Node.js runtime: the platform has the whole body before the
 * function runs; it decorates the request with its helpers (req.query, req.cookies, a
 * lazily parsed req.body; res.status/json/send) and leaves the body stream readable.
 * `send` makes one invocation through a real HTTP server.
 */
export function vercelPlatform(handler: NodeHandler) {
  const bodies = new Map<string, Buffer>();
  const server = http.createServer((req, res) => {
    const raw = bodies.get(String(req.headers['x-test-invocation'])) ?? Buffer.alloc(0);
    const url = new URL(req.url ?? '/', 'http://vercel.test');
    lazy(req, 'query', () => Object.fromEntries(url.searchParams));
    lazy(req, 'cookies', () =>
      Object.fromEntries(
        (req.headers.cookie ?? '')
          .split(/;\s*/)
          .filter(Boolean)
          .map((pair) => pair.split('=') as [string, string]),
      ),
    );
    lazy(req, 'body', () =>
      /json/.test(req.headers['content-type'] ?? '') && raw.length > 0
        ? JSON.parse(raw.toString('utf8'))
        : raw,
    );
    Object.assign(res, {
      status: (code: number) => Object.assign(res, { statusCode: code }),
      send: (value: string | Buffer) => res.end(value),
      json: (value: unknown) => {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        return res.end(JSON.stringify(value));
      },
    });
    void handler(req, res);
  });
  let invocation = 0;
  return {
    async send(
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: string,
      options: { headers?: Record<string, string>; body?: object | Buffer } = {},
    ) {
      invocation += 1;
      const id = String(invocation);
      const { body } = options;
      const raw = Buffer.isBuffer(body) ? body : Buffer.from(body ? JSON.stringify(body) : '');
      bodies.set(id, raw);
      const call = request(server)
        [method.toLowerCase() as 'get']('' + url)
        .set({
          ...(body && !Buffer.isBuffer(body) && { 'content-type': 'application/json' }),
          ...options.headers,
          'x-test-invocation': id,
        })
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const bytes = Buffer.concat(chunks);
            const json = /json/.test(String(res.headers['content-type']));
            done(null, json ? JSON.parse(bytes.toString('utf8')) : bytes);
          });
        });
      try {
        // A string: superagent would serialize a Buffer sent as JSON.
        if (body === undefined) return await call;
        return await call.send(Buffer.isBuffer(body) ? raw : raw.toString('utf8'));
      } finally {
        bodies.delete(id);
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
