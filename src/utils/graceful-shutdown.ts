import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import { logger } from './logger';

/** How long a connection without a request in progress may still send one during a drain. */
const IDLE_GRACE_MS = 1000;

/**
 * Graceful shutdown of an HTTP server. `drainable(server)` starts tracking connections and
 * responses when the server is created; `drain(timeoutMs)` then:
 * - stops accepting connections — but, unlike Node's `server.close()`, does not reset the
 *   ones just accepted, whose request may already be on its way;
 * - marks every response still to be sent `Connection: close`, so keep-alive clients send
 *   their next request elsewhere instead of on a socket about to close;
 * - gives connections with no request in progress a second to send one (it is served,
 *   then the connection closes), and closes them after that;
 * - resolves once every connection is gone, or at `timeoutMs`, cutting what is left.
 */
export function drainable(server: Server) {
  const sockets = new Set<Socket>();
  const inProgress = new Map<Socket, number>();
  const unsent = new Set<ServerResponse>();
  let draining = false;

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // First of the 'request' listeners: before the app has answered anything.
  server.prependListener('request', (req, res: ServerResponse) => {
    if (draining) res.setHeader('Connection', 'close');
    const { socket } = req;
    inProgress.set(socket, (inProgress.get(socket) ?? 0) + 1);
    unsent.add(res);
    res.once('close', () => {
      inProgress.set(socket, (inProgress.get(socket) ?? 1) - 1);
      unsent.delete(res);
    });
  });

  return {
    drain(timeoutMs: number): Promise<{ forced: boolean }> {
      draining = true;
      for (const res of unsent) if (!res.headersSent) res.setHeader('Connection', 'close');
      NetServer.prototype.close.call(server); // stop listening; open connections stay ours
      const started = Date.now();
      return new Promise((resolve) => {
        const sweep = setInterval(() => {
          const elapsed = Date.now() - started;
          const forced = elapsed >= timeoutMs && sockets.size > 0;
          for (const socket of sockets) {
            if (forced || (elapsed >= IDLE_GRACE_MS && !inProgress.get(socket))) socket.destroy();
          }
          if (sockets.size > 0 && !forced) return;
          clearInterval(sweep);
          server.close(() => resolve({ forced })); // stops Node's own timeout checks too
        }, 50);
      });
    },
  };
}

/**
 * An entry point's process events: SIGTERM and SIGINT shut down cleanly (exit 0); an
 * unhandled rejection or uncaught exception is logged and shuts down with exit 1.
 */
export function shutdownOnSignals(shutdown: (reason: string, exitCode: number) => Promise<void>) {
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled promise rejection', { error: reason });
    void shutdown('unhandledRejection', 1);
  });
  process.on('uncaughtException', (err) => {
    logger.error('uncaught exception', { error: err });
    void shutdown('uncaughtException', 1);
  });
}
