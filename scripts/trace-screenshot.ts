/**
 * `npm run docs:trace`: the picture in docs/debugging.md, made from a real trace. Starts
 * Jaeger and the API with tracing on (embedded database), favorites an article, opens the
 * trace in Jaeger's UI with headless Chromium and saves docs/images/trace-favorite.png.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startApi, UNLIMITED } from './lib/api-process';
import { startJaeger } from './lib/jaeger';

const OUT = path.resolve(__dirname, '..', 'docs', 'images', 'trace-favorite.png');

async function post(
  base: string,
  url: string,
  body: unknown,
  token?: string,
  traceparent?: string,
) {
  const res = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token && { Authorization: `Token ${token}` }),
      ...(traceparent && { traceparent }),
    },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, Record<string, string>>;
}

async function main() {
  const jaeger = await startJaeger();
  const api = await startApi({
    fromSource: true,
    env: {
      ...UNLIMITED,
      OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpEndpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
  });
  try {
    const user = (name: string) => ({
      user: { username: name, email: `${name}@example.com`, password: 'correct horse battery' },
    });
    const author = await post(api.baseUrl, '/api/v1/users', user('ada'));
    const reader = await post(api.baseUrl, '/api/v1/users', user('grace'));
    const { article } = await post(
      api.baseUrl,
      '/api/v1/articles',
      { article: { title: 'How traces read', description: 'Layers, live', body: '…' } },
      author.user.token,
    );
    const traceId = randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
    await post(
      api.baseUrl,
      `/api/v1/articles/${article.slug}/favorite`,
      {},
      reader.user.token,
      traceparent,
    );
    await new Promise((r) => setTimeout(r, 1500)); // the batch of spans reaches Jaeger

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${jaeger.queryUrl}/trace/${traceId}`);
    await page.waitForSelector('.row');
    await page.screenshot({ path: OUT, fullPage: true });
    await browser.close();
    console.log(`wrote ${path.relative(process.cwd(), OUT)} (trace ${traceId})`);
  } finally {
    await api.stop();
    await jaeger.stop();
  }
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
