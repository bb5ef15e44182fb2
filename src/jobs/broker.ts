/**
 * The connection to RabbitMQ (amqplib with its built-in recovery): it reconnects by
 * itself with backoff, and on every (re)connect declares the topology, opens a confirm
 * channel and runs the `onConnect` steps (the worker starts consuming there). An outage
 * is logged once, its end once.
 */
import amqplib, { type ChannelModel, type ConfirmChannel, type Options } from 'amqplib';
import { logger } from '../utils/logger';
import { assertTopology, topologyNames, type TopologySettings } from './topology';

export type OnConnect = (model: ChannelModel, publisher: ConfirmChannel) => Promise<void>;

class BrokerUnavailableError extends Error {
  constructor() {
    super('the message broker is not connected');
  }
}

export function connectBroker(
  url: string,
  settings: TopologySettings,
  { onConnect }: { onConnect?: OnConnect } = {},
) {
  const names = topologyNames(settings);
  let publisher: ConfirmChannel | undefined;
  let down = false;
  const listeners: (() => void)[] = [];
  let waiting: (() => void)[] = [];

  const connection = amqplib.connect(url, {
    recovery: {
      waitForConnect: false,
      initialDelay: 200,
      maxDelay: 5000,
      maxRetries: Infinity,
      async setup(model: ChannelModel) {
        const channel = await model.createConfirmChannel();
        channel.on('error', (err: Error) =>
          logger.warn('broker channel error', { error: err.message }),
        );
        channel.on('close', () => {
          if (publisher === channel) publisher = undefined;
        });
        await assertTopology(channel, settings);
        publisher = channel;
        await onConnect?.(model, channel);
        if (down) logger.info('message broker reconnected');
        down = false;
        listeners.forEach((listener) => listener());
        waiting.forEach((resolve) => resolve());
        waiting = [];
      },
    },
  });

  void connection.then(
    (model) => {
      model.on('disconnect', (err: Error) => {
        publisher = undefined;
        if (!down) logger.warn('message broker unreachable: reconnecting', { error: err?.message });
        down = true;
      });
      model.on('connect-failed', (err: Error) => {
        if (!down) logger.warn('message broker unreachable: reconnecting', { error: err.message });
        down = true;
      });
      model.on('error', (err: Error) =>
        logger.warn('message broker error', { error: err.message }),
      );
    },
    (err: Error) => logger.error('message broker connection failed', { error: err.message }),
  );

  /** Publishes and resolves once the broker has confirmed it (stored, for persistent messages). */
  function publish(
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Options.Publish,
  ) {
    const channel = publisher;
    if (!channel) return Promise.reject(new BrokerUnavailableError());
    return new Promise<void>((resolve, reject) => {
      try {
        channel.publish(exchange, routingKey, content, { persistent: true, ...options }, (err) =>
          err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(),
        );
      } catch (err) {
        reject(err); // the channel closed under us
      }
    });
  }

  return {
    names,
    publish,
    /** Resolves once connected (at once when it is). */
    connected: () =>
      new Promise<void>((resolve) => (publisher ? resolve() : waiting.push(resolve))),
    /** Called after each (re)connect: the relay delivers what waited meanwhile. */
    onConnected(listener: () => void) {
      listeners.push(listener);
    },
    async close() {
      await connection.then((model) => model.close()).catch(() => undefined);
    },
  };
}

export type Broker = ReturnType<typeof connectBroker>;
