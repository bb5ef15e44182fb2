/**
 * The OpenAPI document as the app serves it, built without a database or a server:
 * for the lint (scripts/lint-openapi.ts) and the Postman collection's descriptions.
 */
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';

/** With default settings, /metrics included (it is served when a token is set). */
export function servedDocument() {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    METRICS_TOKEN: 'a-token-only-for-building-the-document',
  });
  return createApp(config).openApiDocument;
}
