import type { Server } from 'node:http';

/**
 * Stops accepting connections and resolves once in-flight requests have finished, or
 * after `timeoutMs`, when the connections still open are cut.
 */
export function closeServer(server: Server, timeoutMs: number): Promise<{ forced: boolean }> {
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
  });
}
