/**
 * Per-request context carried across async calls with AsyncLocalStorage, so any log line
 * written while serving a request knows its request id without passing it around.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  /** The public origin a trusted proxy forwarded, for links (src/utils/public-url.ts). */
  origin?: string;
  /** The socket a socket event came from: pushes skip it, it has its acknowledgement. */
  socketId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function getRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

export function getRequestOrigin(): string | undefined {
  return storage.getStore()?.origin;
}

export function setRequestOrigin(origin: string): void {
  const context = storage.getStore();
  if (context) context.origin = origin;
}

export function getRequestSocketId(): string | undefined {
  return storage.getStore()?.socketId;
}
