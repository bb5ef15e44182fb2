import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';

/** A test config: the test defaults plus the given environment variables. */
export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({ NODE_ENV: 'test', ...env });
}

/** An app built from `testConfig(env)`. */
export function buildApp(env: Record<string, string> = {}) {
  return createApp(testConfig(env));
}
