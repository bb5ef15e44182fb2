/**
 * Baseline: a bare Express 4 app — what Express itself costs, with nothing of the app's
 * stack. `/` is a hello-world; `/page` answers the JSON of `PAGE_FILE` (the API's own
 * list page, saved by the bench) from memory: what sending such a page costs. Started by
 * scripts/bench.ts; prints `listening <port>`.
 */
import fs from 'node:fs';
import express from 'express';

const page: unknown = process.env.PAGE_FILE
  ? JSON.parse(fs.readFileSync(process.env.PAGE_FILE, 'utf8'))
  : {};
const app = express();
app.get('/', (_req, res) => {
  res.json({ status: 'ok' });
});
app.get('/page', (_req, res) => {
  res.json(page);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`listening ${address.port}`);
});
