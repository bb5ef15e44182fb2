/**
 * Baseline's helper for the tracing rows of `npm run bench`: an OTLP/HTTP endpoint that
 * takes every batch of spans and keeps nothing, so the rows measure what tracing costs the
 * API, not what a collector on the same two cores costs. Prints `listening <port>`.
 */
import http from 'node:http';

let spansBytes = 0;
const server = http.createServer((req, res) => {
  req.on('data', (chunk: Buffer) => (spansBytes += chunk.length));
  req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/x-protobuf' }).end());
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`listening ${address.port}`);
});
process.on('SIGTERM', () => {
  console.error(`otlp sink: ${(spansBytes / 1e6).toFixed(1)} MB of spans received`);
  process.exit(0);
});
