/**
 * The domain event bus (src/events/event-bus.ts): subscribers run after the publisher's
 * step, and one that fails is logged without harming the publisher or the other subscribers.
 */
import { createEventBus } from '../../src/events/event-bus';
import { captureLogs } from '../helpers/log-capture';

const followed = { followerId: 'a', followeeId: 'b' };

describe('createEventBus', () => {
  it('runs subscribers after the publisher’s current step, not during it', async () => {
    const events = createEventBus();
    const seen: string[] = [];
    events.subscribe('user.followed', () => void seen.push('subscriber'));
    events.publish('user.followed', followed);
    seen.push('publisher goes on');
    await events.settled();
    expect(seen).toEqual(['publisher goes on', 'subscriber']);
  });

  it('logs a failing subscriber, and the publisher and the other subscribers are unharmed', async () => {
    const events = createEventBus();
    const delivered: string[] = [];
    events.subscribe('user.followed', () => {
      throw new Error('thrown');
    });
    events.subscribe('user.followed', async () => Promise.reject(new Error('rejected')));
    events.subscribe('user.followed', ({ followeeId }) => void delivered.push(followeeId));
    const logs = captureLogs();
    expect(() => events.publish('user.followed', followed)).not.toThrow();
    await events.settled();
    logs.restore();
    expect(delivered).toEqual(['b']);
    const failures = logs.lines.filter((l) => l.message === 'event subscriber failed');
    expect(failures).toHaveLength(2);
    expect(failures.every((l) => l.event === 'user.followed')).toBe(true);
  });

  it('stops calling a subscriber once it unsubscribes', async () => {
    const events = createEventBus();
    const subscriber = jest.fn();
    const unsubscribe = events.subscribe('user.followed', subscriber);
    unsubscribe();
    events.publish('user.followed', followed);
    await events.settled();
    expect(subscriber).not.toHaveBeenCalled();
  });
});
