import { createApp, type AppDependencies } from '../../src/app';
import { loadConfig } from '../../src/config';

// Test files create many users and articles through one app; the auth and write limits
// are tested on their own (rate-limits.test.ts, articles.test.ts), so by default they are
// out of the way.
const TEST_DEFAULTS = {
  AUTH_RATE_LIMIT_MAX: '100000',
  ARTICLE_WRITE_MAX: '100000',
  COMMENT_WRITE_MAX: '100000',
  MESSAGE_WRITE_MAX: '100000',
};

/** A test config: the test defaults plus the given environment variables. */
export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({ NODE_ENV: 'test', ...TEST_DEFAULTS, ...env });
}

/** An app built from `testConfig(env)`, without Redis unless given one. */
export function buildApp(env: Record<string, string> = {}, deps: AppDependencies = {}) {
  return createApp(testConfig(env), deps);
}
