/**
 * Log shipping (LOG_SHIP_URL): the logger's lines — request id, redaction, error stacks
 * included — reach an HTTP log collector started here; a collector that fails or is gone
 * never throws into the code that logs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { configureLogger, logger } from '../../src/utils/logger';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { freePort } from '../helpers/redis';

useTestDatabase();

interface Received {
  auth?: string;
  lines: Record<string, unknown>[];
}

/** An HTTP log collector: keeps each batch; answers `status`. */
async function collector(status = 200) {
  const batches: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      batches.push({ auth: req.headers.authorization, lines: Array.isArray(body) ? body : [body] });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ingest?source=conduit`,
    batches,
    lines: () => batches.flatMap((b) => b.lines),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(check: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The logger as the server configures it from these variables (console output muted). */
function shipTo(env: Record<string, string>) {
  configureLogger(
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'http', LOG_FORMAT: 'json', ...env }).log,
  );
}

// The console transport writes to console._stdout (Jest's own stream in a worker): muted.
const consoleStream = (console as unknown as { _stdout?: { write(chunk: string): boolean } })
  ._stdout;
let muted: jest.SpyInstance[];
let stderr: jest.SpyInstance;
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  muted = [jest.spyOn(process.stdout, 'write').mockImplementation(() => true), stderr];
  if (consoleStream && consoleStream !== process.stdout)
    muted.push(jest.spyOn(consoleStream, 'write').mockImplementation(() => true));
});
afterEach(() => {
  configureLogger({ level: 'silent', format: 'json', fileEnabled: false, dir: '' });
  muted.forEach((spy) => spy.mockRestore());
});

describe('LOG_SHIP_URL', () => {
  it('ships request lines with their request id, errors with stacks, secrets redacted, with the token', async () => {
    const sink = await collector();
    shipTo({
      LOG_SHIP_URL: sink.url,
      LOG_SHIP_TOKEN: 'collector-token',
      LOG_SHIP_LEVEL: 'http',
      LOG_SHIP_BATCH_MS: '50',
    });
    const app = buildApp();
    const res = await request(app).get('/api/v1/tags').set('X-Request-Id', 'ship-1');
    expect(res.status).toBe(200);
    logger.error('payment provider failed', { error: new Error('boom'), password: 'hunter2' });

    await until(() => sink.lines().some((l) => l.message === 'payment provider failed'));
    const access = sink.lines().find((l) => String(l.message).includes('GET /api/v1/tags'));
    expect(access).toMatchObject({ level: 'http', requestId: 'ship-1' });
    const failure = sink.lines().find((l) => l.message === 'payment provider failed')!;
    expect(failure).toMatchObject({ level: 'error', password: '[REDACTED]' });
    expect(String((failure.error as { stack: string }).stack)).toMatch(/Error: boom/);
    expect(sink.batches.every((b) => b.auth === 'Bearer collector-token')).toBe(true);
    await sink.close();
  });

  it('ships only from LOG_SHIP_LEVEL up', async () => {
    const sink = await collector();
    shipTo({ LOG_SHIP_URL: sink.url, LOG_SHIP_LEVEL: 'warn', LOG_SHIP_BATCH_MS: '20' });
    logger.info('routine');
    logger.warn('disk almost full');
    await until(() => sink.lines().length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(sink.lines().map((l) => l.message)).toEqual(['disk almost full']);
    await sink.close();
  });

  it('never throws into the caller when the collector answers 500 or is gone, and says so on stderr once', async () => {
    const failing = await collector(500);
    shipTo({ LOG_SHIP_URL: failing.url, LOG_SHIP_BATCH_MS: '20' });
    const app = buildApp();
    for (let i = 0; i < 5; i += 1) {
      expect(() => logger.error('still logging', { i })).not.toThrow();
      await new Promise((r) => setTimeout(r, 30));
    }
    expect((await request(app).get('/api/v1/tags')).status).toBe(200);
    await failing.close();

    shipTo({ LOG_SHIP_URL: `http://127.0.0.1:${await freePort()}/gone`, LOG_SHIP_BATCH_MS: '20' });
    for (let i = 0; i < 5; i += 1) {
      logger.error('collector gone', { i });
      await new Promise((r) => setTimeout(r, 30));
    }
    expect((await request(app).get('/api/v1/tags')).status).toBe(200);
    const said = stderr.mock.calls
      .map(([text]) => String(text))
      .filter((t) => t.startsWith('log shipping'));
    expect(said).toHaveLength(2); // once per collector, not once per line
  });
});
