/**
 * The cache's link to Redis, which every instance shares: the commands of the shared layer
 * and the article index go through `run`, and changes reach the other instances as
 * messages on one channel. Redis down: `run` answers undefined (the callers read the
 * database instead: fail open), and a change that could not be written is remembered;
 * when Redis returns, whatever changed meanwhile is unknown, so the link starts a new
 * epoch — a fresh namespace — and every instance drops what it held (`onReset`).
 */
import { randomUUID } from 'node:crypto';
import { closeRedisClient, noteRedisFailure, type RedisClient } from '../db/redis';

/** What one instance tells the others; `from` lets each ignore its own. */
export interface Change {
  from: string;
  /** Value keys to forget. */
  keys?: string[];
  /** Local groups whose members to forget (list pages, tags). */
  groups?: string[];
  /** A new epoch: forget everything. */
  epoch?: string;
}

export interface SharedLink {
  /** Runs a Redis call; undefined while Redis is away (logged once per outage). */
  run<T>(call: (client: RedisClient) => Promise<T>, isChange?: boolean): Promise<T | undefined>;
  /** Whether Redis is in use now. */
  connected(): boolean;
  /** The namespace of this epoch: every shared key starts with it. */
  space(): string;
  /** A message to the other instances, to publish on `channel` in the change's own pipeline. */
  message(change: Omit<Change, 'from'>): string;
  readonly channel: string;
  onChange(listener: (change: Change) => void): void;
  /** Called when a new epoch starts (Redis came back after an outage, or another instance said so). */
  onReset(listener: () => void): void;
  /** Resolves once the epoch is known and other instances' changes are heard. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Bump when the shape of a cached value changes: old entries are then never read. */
const SCHEMA_VERSION = 2;

export function createSharedLink(keyPrefix: string, redis?: RedisClient): SharedLink {
  const self = randomUUID();
  const channel = `${keyPrefix}cache:changes`;
  const epochKey = `${keyPrefix}cache:epoch`;
  let epoch: string | undefined;
  let lostChanges = false;
  const changeListeners: ((change: Change) => void)[] = [];
  const resetListeners: (() => void)[] = [];

  const usable = () => (redis?.status === 'ready' && epoch !== undefined ? redis : undefined);

  async function run<T>(call: (client: RedisClient) => Promise<T>, isChange = false) {
    const client = usable();
    if (!client) {
      if (isChange && redis) lostChanges = true;
      return undefined;
    }
    try {
      return await call(client);
    } catch (err) {
      if (isChange) lostChanges = true;
      noteRedisFailure(client, err as Error);
      return undefined;
    }
  }

  function startEpoch(value: string) {
    if (epoch === value) return;
    epoch = value;
    resetListeners.forEach((listener) => listener());
  }

  const message = (change: Omit<Change, 'from'>) => JSON.stringify({ ...change, from: self });

  // Other instances' changes arrive on a second connection (a subscriber can do nothing else).
  // It reconnects with the main client, never on its own: a main client closed while Redis is
  // away emits no 'end', and a subscriber retrying by itself would outlive it.
  const subscriber = redis?.duplicate({ retryStrategy: () => null });
  subscriber?.on('error', () => undefined); // the main client reports outages
  redis?.once('end', () => void closeRedisClient(subscriber));
  subscriber?.on('message', (_channel: string, text: string) => {
    let change: Change;
    try {
      change = JSON.parse(text) as Change;
    } catch {
      return; // not ours: the channel is in a shared Redis
    }
    if (change.from === self) return;
    if (change.epoch) startEpoch(change.epoch);
    changeListeners.forEach((listener) => listener(change));
  });
  // Subscribed on every connection (a client without offline queue cannot do it before).
  const subscribed = new Promise<void>((resolve) =>
    subscriber?.on(
      'ready',
      () =>
        void subscriber.subscribe(channel).then(
          () => resolve(),
          () => undefined,
        ),
    ),
  );

  /** On every (re)connection: what happened meanwhile is unknown, so start from Redis. */
  async function resync(client: RedisClient) {
    try {
      if (lostChanges) {
        lostChanges = false;
        const next = String(await client.incr(epochKey));
        startEpoch(next);
        await client.publish(channel, message({ epoch: next }));
      } else {
        startEpoch((await client.get(epochKey)) ?? '0');
      }
    } catch (err) {
      noteRedisFailure(client, err as Error);
    }
  }
  let synced = Promise.resolve();
  const onReady = () => {
    if (subscriber?.status === 'end') void subscriber.connect().catch(() => undefined);
    synced = resync(redis!);
  };
  redis?.on('ready', onReady);
  if (redis?.status === 'ready') onReady();

  return {
    run,
    connected: () => usable() !== undefined,
    space: () => `${keyPrefix}cache:${epoch}:${SCHEMA_VERSION}`,
    message,
    channel,
    onChange: (listener) => void changeListeners.push(listener),
    onReset: (listener) => void resetListeners.push(listener),
    // ioredis says 'ready' a tick after its status does: let a pending resync begin first.
    ready: () =>
      new Promise((resolve) => setImmediate(resolve)).then(() =>
        Promise.all([synced, subscriber ? subscribed : undefined]).then(() => undefined),
      ),
    async close() {
      redis?.off('ready', onReady);
      await closeRedisClient(subscriber);
    },
  };
}
