/**
 * Slow clients (slowloris): 20 bodies that never finish and 20 headers dripped a byte at a
 * time are cut at the configured timeouts, while other clients are served meanwhile.
 */
import net from 'node:net';
import { startApi, UNLIMITED } from '../../scripts/lib/api-process';
import { call } from './helpers/client';
import { report } from './helpers/report';

const HEADERS_TIMEOUT_MS = 2000;
const REQUEST_TIMEOUT_MS = 3000;

/** Opens a connection that sends `start`, then drips `drip` every 500 ms until cut. */
function slowClient(port: number, start: string, drip: string) {
  return new Promise<{ ms: number; answer: string }>((resolve) => {
    const started = Date.now();
    let answer = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(start));
    const timer = setInterval(() => socket.writable && socket.write(drip), 500);
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ ms: Date.now() - started, answer });
    });
  });
}

it('cuts held-open bodies and dripped headers at the configured timeouts, serving others meanwhile', async () => {
  const api = await startApi({
    env: {
      ...UNLIMITED,
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    },
  });
  try {
    const bodies = Array.from({ length: 20 }, () =>
      slowClient(
        api.port,
        'POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
        ' ',
      ),
    );
    const headers = Array.from({ length: 20 }, (_, i) =>
      slowClient(api.port, `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow-${i}: `, 'a'),
    );
    const served: number[] = [];
    const until = Date.now() + REQUEST_TIMEOUT_MS + 500;
    while (Date.now() < until) served.push((await call(api.baseUrl, 'GET', '/health/live')).ms);
    const [bodyResults, headerResults] = await Promise.all([
      Promise.all(bodies),
      Promise.all(headers),
    ]);
    const slowest = (results: { ms: number }[]) => Math.max(...results.map((r) => r.ms));
    report('slow-clients', {
      'held-open bodies': bodyResults.length,
      'cut after at most (ms)': slowest(bodyResults),
      'answered 408': bodyResults.filter((r) => r.answer.startsWith('HTTP/1.1 408')).length,
      'dripped headers': headerResults.length,
      'headers cut after at most (ms)': slowest(headerResults),
      'headers answered 408': headerResults.filter((r) => r.answer.startsWith('HTTP/1.1 408'))
        .length,
      'other requests served meanwhile': served.length,
      'their slowest (ms)': Math.max(...served),
    });
    // Node checks the timeouts every second: a cut comes at most ~1 s after its limit.
    expect(slowest(bodyResults)).toBeLessThan(REQUEST_TIMEOUT_MS + 1500);
    expect(slowest(headerResults)).toBeLessThan(HEADERS_TIMEOUT_MS + 1500);
    expect(
      [...bodyResults, ...headerResults].every((r) => r.answer.startsWith('HTTP/1.1 408')),
    ).toBe(true);
    expect(served.length).toBeGreaterThan(20);
  } finally {
    await api.stop();
  }
});
