/**
 * Baseline: a bare Express 4 hello-world — what Express itself costs, with nothing of the
 * app's stack. Started by scripts/bench.ts; prints `listening <port>`.
 */
import express from 'express';

const app = express();
app.get('/', (_req, res) => {
  res.json({ status: 'ok' });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`listening ${address.port}`);
});
