import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { drainable } from '../../src/utils/graceful-shutdown';

async function listen(handler: http.RequestListener) {
  const server = http.createServer(handler);
  const shutdown = drainable(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, shutdown, port: (server.address() as AddressInfo).port };
}

function get(port: number, agent?: http.Agent) {
  return new Promise<{ body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) =>
    http
      .get({ port, host: '127.0.0.1', agent }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c)).on('end', () => resolve({ body, headers: res.headers }));
      })
      .on('error', reject),
  );
}

describe('drainable(server).drain', () => {
  it('waits for an in-flight request, marks it Connection: close, then resolves without forcing', async () => {
    const { shutdown, port } = await listen((_req, res) => setTimeout(() => res.end('done'), 300));
    const agent = new http.Agent({ keepAlive: true });
    const response = get(port, agent);
    await new Promise((r) => setTimeout(r, 50));
    const result = await shutdown.drain(5000);
    expect(result).toEqual({ forced: false });
    const { body, headers } = await response;
    expect(body).toBe('done');
    expect(headers.connection).toBe('close'); // the keep-alive client will not reuse it
    agent.destroy();
  });

  it('closes idle keep-alive connections after a short grace', async () => {
    const { shutdown, port } = await listen((_req, res) => res.end('ok'));
    const agent = new http.Agent({ keepAlive: true });
    await get(port, agent);
    const [socket] = Object.values(agent.freeSockets).flat();
    const closed = new Promise<void>((resolve) => socket!.once('close', () => resolve()));
    const started = Date.now();
    await shutdown.drain(5000);
    await closed;
    expect(Date.now() - started).toBeLessThan(2000);
    agent.destroy();
  });

  it('serves a request that arrives on an idle connection during the grace, with Connection: close', async () => {
    const { shutdown, port } = await listen((_req, res) => res.end('ok'));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await get(port, agent);
    const draining = shutdown.drain(5000);
    const { body, headers } = await get(port, agent); // reuses the idle keep-alive socket
    expect(body).toBe('ok');
    expect(headers.connection).toBe('close');
    expect(await draining).toEqual({ forced: false });
    agent.destroy();
  });

  it('cuts connections that outlive the timeout', async () => {
    const { shutdown, port } = await listen(() => undefined); // never answers
    const outcome = get(port).catch((err: Error) => err.message);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    expect(await shutdown.drain(200)).toEqual({ forced: true });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await outcome).toMatch(/socket hang up|ECONNRESET/);
  });
});
