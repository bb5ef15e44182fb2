/**
 * AWS Lambda behind API Gateway (HTTP API, payload format 2.0; REST API and ALB events
 * work too): serverless-http turns each event into a request for the same Express app,
 * and its answer into the event's response — cookies, headers, base64 binary bodies.
 */
import serverless from 'serverless-http';
import type { Config } from '../config';
import { warmApp, type WarmAppDeps } from './warm-app';

const TEXT_TYPES = /^(text\/|application\/(json|problem\+json|javascript|xml|x-ndjson)\b)/;

/** Files, images and compressed answers go back base64-encoded; JSON and text as they are. */
function isBinary(headers: Record<string, unknown>): boolean {
  const type = String(headers['content-type'] ?? '');
  return Boolean(headers['content-encoding']) || (type !== '' && !TEXT_TYPES.test(type));
}

type Response = { headers?: Record<string, unknown>; cookies?: string[] };

/**
 * HTTP API (payload 2.0) sets cookies from `cookies` only; serverless-http lists them
 * there when there are several, but leaves a single one in `headers`.
 */
function withCookiesListed(response: Response): Response {
  const single = response.headers?.['set-cookie'];
  if (!Array.isArray(response.cookies) || typeof single !== 'string') return response;
  const { 'set-cookie': _moved, ...headers } = response.headers ?? {};
  return { ...response, headers, cookies: [...response.cookies, single] };
}

export type LambdaHandler = (event: object, context: object) => Promise<object>;

export function createLambdaHandler(config: Readonly<Config>, deps?: WarmAppDeps): LambdaHandler {
  const { app, ready, settled } = warmApp(config, deps);
  // API Gateway's request id becomes the X-Request-Id of the logs and the answer.
  const handle = serverless(app, { binary: isBinary, requestId: 'x-request-id' });
  return async (event, context) => {
    await ready();
    const response = withCookiesListed(await handle(event, context));
    await settled();
    return response;
  };
}
