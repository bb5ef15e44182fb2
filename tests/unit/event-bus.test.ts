/**
 * The domain event bus (src/events/event-bus.ts): upkeep is part of the publisher's step,
 * side effects run after it; a subscriber that fails is logged without harming the
 * publisher or the other subscribers.
 */
import { createEventBus } from '../../src/events/event-bus';
import { captureLogs } from '../helpers/log-capture';

const followed = { followerId: 'a', followeeId: 'b' };

describe('createEventBus', () => {
  it('waits for upkeep before publish resolves, and never for side effects', async () => {
    const events = createEventBus();
    const seen: string[] = [];
    events.maintain('user.followed', async () => {
      await new Promise((r) => setTimeout(r, 20));
      seen.push('upkeep');
    });
    events.subscribe(
      'user.followed',
      () => new Promise<void>(() => seen.push('side effect started')),
    ); // never ends
    await events.publish('user.followed', followed);
    seen.push('publisher goes on');
    expect(seen).toEqual(['upkeep', 'side effect started', 'publisher goes on']);
  });

  it('runs side effects after the upkeep, and settled() waits for them', async () => {
    const events = createEventBus();
    const seen: string[] = [];
    events.subscribe('user.followed', async () => {
      await new Promise((r) => setTimeout(r, 20));
      seen.push('side effect');
    });
    await events.publish('user.followed', followed);
    expect(seen).toEqual([]);
    await events.settled();
    expect(seen).toEqual(['side effect']);
  });

  it('logs a failing subscriber of either kind, and the publisher and the other subscribers are unharmed', async () => {
    const events = createEventBus();
    const delivered: string[] = [];
    events.subscribe('user.followed', () => {
      throw new Error('thrown');
    });
    events.subscribe('user.followed', async () => Promise.reject(new Error('rejected')));
    events.subscribe('user.followed', ({ followeeId }) => void delivered.push(followeeId));
    const logs = captureLogs();
    events.maintain('user.followed', () => {
      throw new Error('upkeep thrown');
    });
    await expect(events.publish('user.followed', followed)).resolves.toBeUndefined();
    await events.settled();
    logs.restore();
    expect(delivered).toEqual(['b']);
    const failures = logs.lines.filter((l) => l.message === 'event subscriber failed');
    expect(failures).toHaveLength(3);
    expect(failures.every((l) => l.event === 'user.followed')).toBe(true);
  });

  it('stops calling a subscriber once it unsubscribes', async () => {
    const events = createEventBus();
    const subscriber = jest.fn();
    const unsubscribe = events.subscribe('user.followed', subscriber);
    unsubscribe();
    await events.publish('user.followed', followed);
    await events.settled();
    expect(subscriber).not.toHaveBeenCalled();
  });
});
