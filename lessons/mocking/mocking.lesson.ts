/**
 * Lesson: mocking with Jest.  Run: npm run lesson -- mocking
 *
 * A mock stands in for something a unit talks to, so a test can run without it and check
 * how it was called. Three tools, from the lightest:
 * - `jest.fn()`: a function that records its calls; pass it where a dependency goes (the
 *   app's factories take their dependencies as arguments, so this needs no magic);
 * - `jest.spyOn(object, 'method')`: watches (or replaces) one method of a real object;
 * - `jest.mock('module')`: replaces a whole module for the file — for code that imports
 *   its dependency instead of receiving it (here nodemailer inside src/mail/mailer.ts).
 *
 * Why the integration suite (tests/integration) mocks none of the services it talks to —
 * it runs the real database, Redis, RabbitMQ and an SMTP server: a mock only knows what its
 * author believed. The last test shows one accepting an email the real module refuses.
 */
import nodemailer from 'nodemailer';
import { createEventBus } from '../../src/events/event-bus';
import { createMailer } from '../../src/mail/mailer';
import { after, type Clock } from '../../src/utils/clock';
import { logger } from '../../src/utils/logger';
import { startSmtpServer } from '../../tests/helpers/smtp';

// Hoisted above the imports by Jest: src/mail/mailer.ts gets this nodemailer.
jest.mock('nodemailer', () => {
  const sendMail = jest.fn().mockResolvedValue({ messageId: 'fake' });
  return { __esModule: true, default: { createTransport: jest.fn(() => ({ sendMail })) } };
});

describe('jest.fn(): a dependency passed in', () => {
  it('records each call of an event subscriber, with its payload', async () => {
    const events = createEventBus();
    const subscriber = jest.fn();
    events.subscribe('user.followed', subscriber);
    await events.publish('user.followed', { followerId: 'a', followeeId: 'b' });
    await events.settled();
    expect(subscriber).toHaveBeenCalledTimes(1);
    expect(subscriber).toHaveBeenCalledWith({ followerId: 'a', followeeId: 'b' });
  });

  it('replaces the clock: a fake object instead of faking Date', () => {
    const clock: Clock = { now: jest.fn(() => new Date('2026-01-01T00:00:00Z')) };
    expect(after(clock, 60_000).toISOString()).toBe('2026-01-01T00:01:00.000Z');
  });
});

describe('jest.spyOn(): one method of a real object', () => {
  it('sees the event bus log a failing subscriber, and the publisher carry on', async () => {
    const logged = jest.spyOn(logger, 'error').mockImplementation(() => logger);
    const events = createEventBus();
    events.subscribe('user.followed', () => {
      throw new Error('mail server down');
    });
    await expect(
      events.publish('user.followed', { followerId: 'a', followeeId: 'b' }),
    ).resolves.toBeUndefined();
    await events.settled();
    expect(logged).toHaveBeenCalledWith(
      'event subscriber failed',
      expect.objectContaining({ event: 'user.followed' }),
    );
    logged.mockRestore(); // a spy left in place would change every later test
  });
});

describe('jest.mock(): a module the code imports', () => {
  it('sends through the mocked nodemailer, and shows what was sent', async () => {
    const mailer = createMailer({
      smtpUrl: 'smtp://mail.invalid',
      from: 'app@conduit.test',
      logBodies: false,
    });
    await mailer.send({ to: 'ada@conduit.test', subject: 'Welcome', text: 'Hi Ada' });
    const transport = jest.mocked(nodemailer.createTransport).mock.results[0]?.value;
    expect(transport.sendMail).toHaveBeenCalledWith({
      from: 'app@conduit.test',
      to: 'ada@conduit.test',
      subject: 'Welcome',
      text: 'Hi Ada',
    });
  });

  it('accepts an email with no recipient, which the real nodemailer and SMTP server refuse', async () => {
    const mail = { to: '', subject: 'Welcome', text: 'Hi' };
    const mailer = createMailer({
      smtpUrl: 'smtp://mail.invalid',
      from: 'app@conduit.test',
      logBodies: false,
    });
    await expect(mailer.send(mail)).resolves.toBeUndefined(); // the mock believes anything

    // The real module, past the mock, to a real SMTP server (as the integration suite does).
    const real = jest.requireActual<typeof import('nodemailer')>('nodemailer');
    const smtp = await startSmtpServer();
    try {
      await expect(
        real.createTransport(smtp.url).sendMail({ from: 'app@conduit.test', ...mail }),
      ).rejects.toThrow('No recipients defined');
    } finally {
      await smtp.close();
    }
  });
});
