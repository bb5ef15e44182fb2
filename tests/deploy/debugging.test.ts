/**
 * The debugging setup: .vscode/launch.json points at what exists; `npm run debug` opens
 * the inspector, and through it (the Chrome DevTools protocol, as DevTools and VS Code
 * speak it) a CPU profile and a heap snapshot of the running API are taken; a stack trace
 * of the built code names the TypeScript sources.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import ts from 'typescript';
import WebSocket from 'ws';
import { freePort } from '../helpers/redis';
import { ROOT, run, send, tempDir, waitFor } from './helpers';

interface LaunchConfig {
  name: string;
  request: string;
  program?: string;
  port?: number;
}

describe('.vscode/launch.json', () => {
  it('runs the API, attaches to npm run debug, and debugs a Jest file — with paths that exist', () => {
    const text = fs.readFileSync(path.join(ROOT, '.vscode', 'launch.json'), 'utf8');
    const { config, error } = ts.parseConfigFileTextToJson('launch.json', text); // JSON with comments
    expect(error).toBeUndefined();
    const configs: LaunchConfig[] = config.configurations;
    expect(configs.map((c) => c.request)).toEqual(['launch', 'attach', 'launch']);
    for (const c of configs.filter((c) => c.program))
      expect(fs.existsSync(c.program!.replace('${workspaceFolder}', ROOT))).toBe(true);
    const debugScript = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts
      .debug;
    expect(debugScript).toContain('--inspect');
    expect(configs[1].port).toBe(9229); // --inspect's default port
  });
});

/** A minimal Chrome DevTools protocol client over the inspector's WebSocket. */
function devtools(url: string) {
  const socket = new WebSocket(url);
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  const listeners: ((method: string, params: Record<string, unknown>) => void)[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.id) pending.get(message.id)?.(message.result);
    else listeners.forEach((l) => l(message.method, message.params));
  });
  return {
    opened: new Promise((resolve) => socket.once('open', resolve)),
    call<T = Record<string, unknown>>(method: string, params: object = {}): Promise<T> {
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve) => pending.set(id, resolve as (r: unknown) => void));
    },
    on: (listener: (method: string, params: Record<string, unknown>) => void) =>
      listeners.push(listener),
    close: () => socket.close(),
  };
}

describe('npm run debug', () => {
  let child: ChildProcess;
  let dataDir: string;
  afterAll(() => {
    child?.kill('SIGTERM');
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the inspector: a CPU profile and a heap snapshot of the running API', async () => {
    const script: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
      .scripts.debug;
    const [port, inspectPort] = [await freePort(), await freePort()];
    dataDir = tempDir('debug');
    // The script as written, on free ports.
    const [node, ...args] = script
      .replace('--inspect', `--inspect=127.0.0.1:${inspectPort}`)
      .split(' ');
    child = spawn(node, args, {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        EMBEDDED_DB_DIR: dataDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const wsUrl = await new Promise<string>((resolve) =>
      readline.createInterface({ input: child.stderr! }).on('line', (line) => {
        const match = /Debugger listening on (ws:\/\/\S+)/.exec(line);
        if (match) resolve(match[1]);
      }),
    );
    await waitFor(
      async () => (await send(`http://127.0.0.1:${port}/health/ready`)).status === 200,
      60_000,
    );

    const inspector = devtools(wsUrl);
    await inspector.opened;
    await inspector.call('Profiler.enable');
    await inspector.call('Profiler.start');
    for (let i = 0; i < 20; i += 1) await send(`http://127.0.0.1:${port}/api/v1/tags`);
    const { profile } = await inspector.call<{
      profile: { nodes: { callFrame: { url: string } }[] };
    }>('Profiler.stop');
    const urls = new Set(profile.nodes.map((n) => n.callFrame.url));
    expect([...urls].some((u) => u.endsWith('/src/app.ts') || u.includes('/src/middleware/'))).toBe(
      true,
    );

    const chunks: string[] = [];
    inspector.on((method, params) => {
      if (method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(params.chunk as string);
    });
    await inspector.call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const snapshot = JSON.parse(chunks.join(''));
    expect(snapshot.snapshot.node_count).toBeGreaterThan(10_000);
    inspector.close();
  });
});

describe('source maps', () => {
  it('a stack trace of the built code (node --enable-source-maps) names the TypeScript source and line', () => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'config', 'index.js.map'))).toBe(true);
    const { output } = run('node', [
      '--enable-source-maps',
      '-e',
      "try { require('./dist/config').loadConfig({ NODE_ENV: 'production' }) } catch (e) { console.log(e.stack) }",
    ]);
    expect(output).toMatch(/at Object\.loadConfig \(.*\/src\/config\/index\.ts:\d+:\d+\)/);
  });
});
