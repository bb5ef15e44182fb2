import type { Server, ServerResponse } from 'node:http';

/**
 * Graceful shutdown of an HTTP server. `drainable(server)` starts tracking responses when
 * the server is created; `drain(timeoutMs)` then stops accepting connections, marks every
 * response still to be sent `Connection: close` (so keep-alive clients open a new
 * connection elsewhere instead of hitting a closed socket), closes idle keep-alive
 * connections, and resolves once in-flight requests are done — or after `timeoutMs`, when
 * the connections still open are cut.
 */
export function drainable(server: Server) {
  const pending = new Set<ServerResponse>();
  let draining = false;

  server.on('request', (_req, res: ServerResponse) => {
    if (draining) res.setHeader('Connection', 'close');
    pending.add(res);
    res.once('close', () => pending.delete(res));
  });

  return {
    drain(timeoutMs: number): Promise<{ forced: boolean }> {
      draining = true;
      for (const res of pending) if (!res.headersSent) res.setHeader('Connection', 'close');
      return new Promise((resolve, reject) => {
        let forced = false;
        const deadline = setTimeout(() => {
          forced = true;
          server.closeAllConnections();
        }, timeoutMs);
        // close() drops idle keep-alive connections only once; a request finishing later
        // leaves its connection idle, so keep dropping them until every one is gone.
        const sweeper = setInterval(() => server.closeIdleConnections(), 100);
        server.close((err) => {
          clearTimeout(deadline);
          clearInterval(sweeper);
          if (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(err);
          else resolve({ forced });
        });
        server.closeIdleConnections();
      });
    },
  };
}
