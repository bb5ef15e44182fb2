import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer } from '../../src/utils/graceful-shutdown';

function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('closeServer', () => {
  it('waits for an in-flight request, then resolves without forcing', async () => {
    const server = await listen((_req, res) => setTimeout(() => res.end('done'), 300));
    const { port } = server.address() as AddressInfo;
    const body = new Promise<string>((resolve) =>
      http.get({ port, host: '127.0.0.1' }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c)).on('end', () => resolve(text));
      }),
    );
    await new Promise((r) => setTimeout(r, 50));
    const result = await closeServer(server, 5000);
    expect(result).toEqual({ forced: false });
    expect(await body).toBe('done');
  });

  it('cuts connections that outlive the timeout', async () => {
    const server = await listen(() => undefined); // never answers
    const { port } = server.address() as AddressInfo;
    const outcome = new Promise<string>((resolve) =>
      http.get({ port, host: '127.0.0.1' }).on('error', (err) => resolve(err.message)),
    );
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    expect(await closeServer(server, 200)).toEqual({ forced: true });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await outcome).toMatch(/socket hang up|ECONNRESET/);
  });
});
