/**
 * Real sockets against a real server: an app listening on a free port with its Socket.IO
 * gateway, and socket.io-client connections to it. Every event a client receives and every
 * acknowledgement it gets is checked against the AsyncAPI document, as Supertest
 * responses are against the OpenAPI one: a payload that drifts from it fails the test.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { ConduitApp } from '../../src/app';
import type { AsyncApiDocument } from '../../src/docs/asyncapi';

type Json = Record<string, unknown>;

export interface LiveServer {
  url: string;
  gateway: ReturnType<ConduitApp['attachRealtime']>;
  close(): Promise<void>;
}

const servers: LiveServer[] = [];
const sockets: Socket[] = [];
const violations: string[] = [];

afterEach(() => {
  sockets.splice(0).forEach((s) => s.disconnect());
  const found = violations.splice(0);
  if (found.length > 0) throw new Error(`AsyncAPI contract:\n${found.join('\n')}`);
});
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The app on a free port, with Socket.IO attached as server.ts attaches it. */
export async function listen(app: ConduitApp): Promise<LiveServer> {
  const server = http.createServer(app);
  const gateway = app.attachRealtime(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const live: LiveServer = {
    url: `http://127.0.0.1:${port}`,
    gateway,
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  servers.push(live);
  return live;
}

/** Payload validators by event name, from the AsyncAPI document. */
function checkerFor(doc: AsyncApiDocument) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components });
  const byName = new Map<string, ValidateFunction | undefined>();
  for (const [key, message] of Object.entries(doc.components.messages) as [string, Json][]) {
    const path = `doc#/components/messages/${key}/payload`;
    byName.set(message.name as string, message.payload ? ajv.getSchema(path) : undefined);
  }
  return (name: string, payload: unknown, where: string) => {
    if (!byName.has(name)) return violations.push(`${where}: "${name}" is not documented`);
    const validate = byName.get(name);
    if (!validate) {
      if (payload !== undefined) violations.push(`${where}: "${name}" has no payload`);
      return;
    }
    if (validate(payload)) return;
    const details = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    violations.push(`${where}: "${name}" does not match: ${details.join('; ')}`);
  };
}

export interface LiveClient {
  socket: Socket;
  /** Emits and resolves with the acknowledgement (checked against the document). */
  request<T = Json>(event: string, payload?: unknown): Promise<T>;
  /** The next `event` this client receives (within `ms`). */
  next<T = Json>(event: string, ms?: number): Promise<T>;
  /** Every `event` received since the client connected. */
  received(event: string): unknown[];
}

function wrap(socket: Socket, check: ReturnType<typeof checkerFor>): LiveClient {
  const log: { event: string; args: unknown[] }[] = [];
  socket.onAny((event: string, ...args: unknown[]) => {
    const payload = typeof args[0] === 'function' ? undefined : args[0];
    check(event, payload, `server → ${event}`);
    log.push({ event, args });
  });
  return {
    socket,
    async request<T>(event: string, payload?: unknown) {
      const ack = (await socket.timeout(5000).emitWithAck(event, payload)) as T;
      check(`${event} acknowledgement`, ack, `ack of ${event}`);
      return ack;
    },
    next<T>(event: string, ms = 5000) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.off(event, listener);
          reject(new Error(`no "${event}" within ${ms} ms`));
        }, ms);
        const listener = (payload: T) => {
          clearTimeout(timer);
          socket.off(event, listener);
          resolve(payload);
        };
        socket.on(event, listener);
      });
    },
    received: (event) => log.filter((e) => e.event === event).map((e) => e.args[0]),
  };
}

interface ConnectOptions {
  auth?: Json;
  extraHeaders?: Record<string, string>;
}

function open(server: LiveServer, options: ConnectOptions): Socket {
  const socket = connectClient(server.url, {
    auth: options.auth,
    extraHeaders: options.extraHeaders,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return socket;
}

/** A connected, checked client; fails when the handshake is refused. */
export async function connect(
  server: LiveServer,
  doc: AsyncApiDocument,
  options: ConnectOptions,
): Promise<LiveClient> {
  const socket = open(server, options);
  const client = wrap(socket, checkerFor(doc));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', (err) => reject(err));
  });
  return client;
}

/** The refusal of a handshake: its message and its `data` ({ code, errors }). */
export function refusal(
  server: LiveServer,
  options: ConnectOptions,
): Promise<{ message: string; data: unknown }> {
  const socket = open(server, options);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('the handshake was accepted')));
    socket.once('connect_error', (err: Error & { data?: unknown }) =>
      resolve({ message: err.message, data: err.data }),
    );
  });
}

/** Resolves with the reason once the socket is disconnected (within `ms`). */
export function disconnection(socket: Socket, ms = 5000): Promise<string> {
  if (socket.disconnected) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** Resolves once `condition` holds (polling), or fails after `ms`. */
export async function eventually(condition: () => Promise<boolean> | boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
