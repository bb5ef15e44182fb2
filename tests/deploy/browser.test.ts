/**
 * The pages a newcomer opens, in a real browser: Debian's Chromium, headless, driven by
 * playwright-core, against the built API. The front door (public/index.html) links to
 * every way in and marks the ones this server does not serve; GraphiQL renders and runs a
 * query; Swagger UI renders the OpenAPI document.
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApi, type ApiProcess } from '../../scripts/lib/api-process';

const CHROMIUM = '/usr/bin/chromium';
// The flags a root process in a closed network needs (no sandbox, no background calls out).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let browser: Browser;
let dev: ApiProcess;
let production: ApiProcess;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  [browser, dev, production] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
    startApi({ env: { GRAPHIQL_ENABLED: 'true' } }),
    // What production serves without Swagger UI or GraphiQL (the database is embedded here).
    startApi({ env: { DOCS_ENABLED: 'false', GRAPHIQL_ENABLED: 'false' } }),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([dev?.stop(), production?.stop()]);
});

async function open(api: ApiProcess, path: string): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  await page.goto(`${api.baseUrl}${path}`);
  Object.assign(page, { errors });
  return page;
}

const errorsOf = (page: Page) => (page as Page & { errors: string[] }).errors;

describe('GET / (the front door)', () => {
  it('says what this is, lists the demo accounts, and links to every way in — each one served', async () => {
    const page = await open(dev, '/');
    expect(await page.title()).toBe('Conduit reference API');
    expect(await page.locator('body').innerText()).toContain('RealWorld');
    const accounts = await page.locator('#accounts').innerText();
    for (const email of ['jake@conduit.test', 'ada@conduit.test', 'linus@conduit.test'])
      expect(accounts).toContain(email);
    expect(await page.locator('body').innerText()).toContain('conduit-demo-2026');

    const links = await page
      .locator('#links a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual([
      '/docs/',
      '/docs/openapi.json',
      '/graphiql',
      '/live.html',
      '/docs/asyncapi.json',
      '/health/ready',
      '/docs/roadmap.md',
    ]);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('#links a.unavailable').count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('opens the topic map from its link', async () => {
    const page = await open(dev, '/');
    await page.click('text=The topic map');
    await page.waitForURL('**/docs/roadmap.md');
    expect(await page.locator('body').innerText()).toContain('# Roadmap → code → tests');
    await page.close();
  });

  it('marks what a production server leaves out: Swagger UI, the documents and GraphiQL', async () => {
    const page = await open(production, '/');
    await page.waitForLoadState('networkidle');
    const off = await page
      .locator('#links a.unavailable')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(off.sort()).toEqual(
      [
        '/docs/',
        '/docs/openapi.json',
        '/graphiql',
        '/docs/asyncapi.json',
        '/docs/roadmap.md',
      ].sort(),
    );
    expect(await page.locator('#links').innerText()).toContain('(off on this server)');
    await page.close();
  });
});

describe('GET /graphiql (development)', () => {
  it('renders the IDE and runs a query against the API', async () => {
    const page = await open(dev, '/graphiql');
    await page.locator('.graphiql-container').waitFor();
    const answer = await page.evaluate(async () => {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: '{ tags }' }),
      });
      return res.json();
    });
    expect(answer).toEqual({ data: { tags: expect.any(Array) } });
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });
});

describe('GET /docs/ (Swagger UI)', () => {
  it('renders every tag of the OpenAPI document', async () => {
    const page = await open(dev, '/docs/');
    await page.locator('.swagger-ui .opblock-tag').first().waitFor();
    const tags = await page.locator('.swagger-ui .opblock-tag').allInnerTexts();
    for (const tag of ['Users', 'Articles', 'Comments', 'Health'])
      expect(tags.some((t) => t.startsWith(tag))).toBe(true);
    await page.close();
  });
});
