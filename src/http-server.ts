/**
 * The Node HTTP server around the app, with limits from config: slow or oversized clients
 * are cut (408, 431) instead of being held, and what Node refuses before Express ever sees
 * the request is still answered in the project's error shape.
 */
import { randomUUID } from 'node:crypto';
import { createServer, STATUS_CODES, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Config } from './config';
import { logger } from './utils/logger';

type Limits = Config['http']['server'];

const CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, message: 'headers are larger than the server accepts' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'was not received in time' },
};

/** Node's default answers these with a bare status line; ours says why, as JSON. */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, message } = CLIENT_ERRORS[err.code ?? ''] ?? {
    status: 400,
    message: 'is not a valid HTTP request',
  };
  const requestId = randomUUID();
  logger.debug('client error', { code: err.code, status, requestId });
  const body = JSON.stringify({ errors: { request: [message] }, code: 'BAD_REQUEST', requestId });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function createHttpServer(app: RequestListener, limits: Limits): Server {
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderSize,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often Node checks those two timeouts (its default, 30 s, lets slow clients linger).
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
      // A request without Host reaches the app, which answers 400 in the error shape
      // (src/middleware/require-host.ts) where Node would send a bare status line.
      requireHostHeader: false,
    },
    app,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.on('clientError', answerClientError);
  return server;
}
