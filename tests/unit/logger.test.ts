import { loggableUrl } from '../../src/middleware/http-logger';
import { logger, redact } from '../../src/utils/logger';
import { runWithRequestContext } from '../../src/utils/request-context';
import { captureLogs } from '../helpers/log-capture';

describe('redact', () => {
  it('masks secret-looking keys at any depth and keeps the rest', () => {
    const input = {
      user: { email: 'a@b.c', password: 'pw', nested: [{ token: 't', ok: 1 }] },
      headers: { authorization: 'Token x', cookie: 'sid=1', accept: 'json' },
      jwtSecret: 's',
    };
    expect(redact(input)).toEqual({
      user: { email: 'a@b.c', password: '[REDACTED]', nested: [{ token: '[REDACTED]', ok: 1 }] },
      headers: { authorization: '[REDACTED]', cookie: '[REDACTED]', accept: 'json' },
      jwtSecret: '[REDACTED]',
    });
  });

  it('survives circular references and errors', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redact(a)).toEqual({ name: 'a', self: '[Circular]' });
    expect(redact(new Error('boom'))).toMatchObject({ name: 'Error', message: 'boom' });
  });
});

describe('logger', () => {
  it('adds the current request id and redacts password fields', () => {
    const logs = captureLogs();
    runWithRequestContext({ requestId: 'rid-1' }, () => {
      logger.info('user signed up', { user: { email: 'a@b.c', password: 'hunter2' } });
    });
    logs.restore();
    expect(logs.lines[0]).toMatchObject({
      message: 'user signed up',
      requestId: 'rid-1',
      user: { email: 'a@b.c', password: '[REDACTED]' },
    });
  });
});

describe('loggableUrl (the access log’s URL)', () => {
  it('masks secret-looking query parameters and keeps the rest', () => {
    expect(loggableUrl('/api/v1/auth/verify-email?token=abc.def')).toBe(
      '/api/v1/auth/verify-email?token=REDACTED',
    );
    expect(loggableUrl('/cb?code=x&state=y&tag=dragons')).toBe(
      '/cb?code=REDACTED&state=REDACTED&tag=dragons',
    );
    expect(loggableUrl('/api/v1/articles?limit=5')).toBe('/api/v1/articles?limit=5');
    expect(loggableUrl('/health/live')).toBe('/health/live');
  });
});
