/**
 * Jaeger all-in-one as a child process: OTLP in (HTTP), traces kept in memory, the query
 * API and UI out. Built once per machine (scripts/lib/go-tools.ts). Used by `npm run
 * jaeger` on the usual ports and by the tracing test on free ones.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ensureGoProgram } from '../../src/utils/go-program';
import { JAEGER, toolCacheDir } from './go-tools';

const UI_DIR = path.resolve(__dirname, '..', '..', 'tools', 'jaeger', 'ui');

export interface Jaeger {
  /** For OTEL_EXPORTER_OTLP_ENDPOINT. */
  otlpEndpoint: string;
  /** The UI and the query API (`/api/traces/<id>`). */
  queryUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

export async function startJaeger(
  options: {
    otlpHttpPort?: number;
    queryPort?: number;
    host?: string;
    log?: (m: string) => void;
  } = {},
): Promise<Jaeger> {
  const log = options.log ?? ((m: string) => console.error(m));
  const binary = await ensureGoProgram(JAEGER, toolCacheDir('jaeger'), log);
  const host = options.host ?? '127.0.0.1';
  const otlp = options.otlpHttpPort ?? (await freePort());
  const query = options.queryPort ?? (await freePort());
  // Every listener on a port of ours: two Jaegers (a developer's and a test's) never clash.
  const [admin, otlpGrpc, collectorGrpc, collectorHttp, queryGrpc] = await Promise.all(
    Array.from({ length: 5 }, freePort),
  );
  const child = spawn(
    binary,
    [
      `--collector.otlp.http.host-port=${host}:${otlp}`,
      `--collector.otlp.grpc.host-port=127.0.0.1:${otlpGrpc}`,
      `--collector.grpc-server.host-port=127.0.0.1:${collectorGrpc}`,
      `--collector.http-server.host-port=127.0.0.1:${collectorHttp}`,
      `--query.http-server.host-port=${host}:${query}`,
      `--query.grpc-server.host-port=127.0.0.1:${queryGrpc}`,
      `--admin.http.host-port=127.0.0.1:${admin}`,
      // The UI: a jaeger-ui build if you have one, else tools/jaeger/ui (see its header).
      `--query.static-files=${process.env.JAEGER_UI_DIR ?? UI_DIR}`,
      '--log-level=warn',
    ],
    // Jaeger would trace itself to localhost:4317; here it only receives.
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' } },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const queryUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${query}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Jaeger exited at start:\n${stderr}`);
    const up = await fetch(`${queryUrl}/api/services`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Jaeger did not answer within 20 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    otlpEndpoint: `http://127.0.0.1:${otlp}`,
    queryUrl,
    process: child,
    /** SIGTERM; Jaeger drains for up to 10 s, which in-memory traces do not need: 1 s. */
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
      await exited;
      clearTimeout(timer);
    },
  };
}
