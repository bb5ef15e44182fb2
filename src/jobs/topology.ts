/**
 * The RabbitMQ topology, declared (idempotently) by the API and the worker alike:
 *
 *   API ──publish──▶ exchange <prefix>.jobs ──"job"──▶ queue <prefix>.jobs ──▶ worker
 *                          ▲                                                    │ fails
 *                          └── dead-lettered after its TTL ── <prefix>.jobs.retry.<ms> ◀┘
 *   after the last attempt, or unreadable:  worker ──▶ <prefix>.jobs.dead (kept for people)
 *
 * Everything is durable and every message persistent: a broker restart loses nothing.
 */
import type { Channel } from 'amqplib';

export interface TopologySettings {
  /** Names start with it: several apps (or test runs) can share a broker. */
  prefix: string;
  /** Backoff of attempt 1, 2, ...; the last delay repeats. */
  retryDelaysMs: readonly number[];
}

export const ROUTING_KEY = 'job';

export function topologyNames({ prefix, retryDelaysMs }: TopologySettings) {
  return {
    exchange: `${prefix}.jobs`,
    queue: `${prefix}.jobs`,
    dead: `${prefix}.jobs.dead`,
    retry: retryDelaysMs.map((ms) => ({ ms, queue: `${prefix}.jobs.retry.${ms}` })),
  };
}

export async function assertTopology(channel: Channel, settings: TopologySettings) {
  const names = topologyNames(settings);
  await channel.assertExchange(names.exchange, 'direct', { durable: true });
  await channel.assertQueue(names.queue, { durable: true });
  await channel.bindQueue(names.queue, names.exchange, ROUTING_KEY);
  await channel.assertQueue(names.dead, { durable: true });
  for (const { ms, queue } of names.retry) {
    await channel.assertQueue(queue, {
      durable: true,
      arguments: {
        'x-message-ttl': ms,
        'x-dead-letter-exchange': names.exchange,
        'x-dead-letter-routing-key': ROUTING_KEY,
      },
    });
  }
  return names;
}
