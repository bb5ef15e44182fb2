/**
 * SIGTERM under load, from keep-alive clients: every request sent on a connection the
 * server had accepted is answered (marked Connection: close during the drain); new
 * connections are refused once the listener is closed; the process exits 0.
 */
import http from 'node:http';
import { startApi, UNLIMITED } from '../../scripts/lib/api-process';
import { registerUser } from './helpers/client';
import { report } from './helpers/report';

interface Result {
  status?: number;
  error?: string;
  connection?: string;
  /** Sent on a connection the server had already accepted (not a new connection attempt). */
  reused: boolean;
}

/** One request through `agent`: its status, or the error that ended it. */
function send(agent: http.Agent, port: number, auth: string, body?: object) {
  return new Promise<Result>((resolve) => {
    const payload = body && JSON.stringify(body);
    const req = http.request(
      {
        port,
        agent,
        method: body ? 'POST' : 'GET',
        path: body ? '/api/v1/articles' : '/api/v1/articles?limit=20',
        headers: { Authorization: auth, ...(payload && { 'Content-Type': 'application/json' }) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            connection: res.headers.connection,
            reused: req.reusedSocket,
          }),
        );
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({ error: err.code ?? err.message, reused: req.reusedSocket }),
    );
    req.end(payload);
  });
}

it('lets in-flight requests finish on SIGTERM under load, then exits 0', async () => {
  const api = await startApi({ env: { ...UNLIMITED, SHUTDOWN_TIMEOUT_MS: '10000' } });
  const user = await registerUser(api.baseUrl, 'term');
  let stop = false;
  const results: Result[] = [];
  const client = async (n: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; !stop; i += 1) {
      const write = (n + i) % 3 === 0;
      const article = { article: { title: `term ${n} ${i}`, description: 'd', body: 'b' } };
      const result = await send(agent, api.port, user.auth, write ? article : undefined);
      results.push(result);
      if (result.error && !result.reused) break; // a new connection was refused: done
    }
    agent.destroy();
  };
  const clients = Promise.all(Array.from({ length: 20 }, (_, n) => client(n)));
  await new Promise((r) => setTimeout(r, 1500));
  const signalled = Date.now();
  api.child.kill('SIGTERM');
  const code = await api.exited;
  const drainMs = Date.now() - signalled;
  stop = true;
  await clients;
  await api.stop();

  const answered = results.filter((r) => r.status !== undefined);
  const refused = results.filter((r) => r.error && !r.reused);
  const cut = results.filter((r) => r.error && r.reused);
  report('sigterm-under-load', {
    'keep-alive clients': 20,
    answered: answered.length,
    'answered with Connection: close': answered.filter((r) => r.connection === 'close').length,
    'new connections refused after the listener closed': refused.length,
    'cut in flight': cut.length,
    'non-2xx answers': answered.filter((r) => r.status! >= 300).length,
    'exit code': code,
    'SIGTERM to exit (ms)': drainMs,
  });
  expect(code).toBe(0);
  expect(cut).toEqual([]);
  expect(answered.every((r) => r.status! < 300)).toBe(true);
});
