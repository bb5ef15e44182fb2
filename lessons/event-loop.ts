/**
 * Lesson: the event loop and the call stack.  Run: npm run lesson -- event-loop
 *
 * 1. Order: synchronous code runs to the end, then process.nextTick callbacks, then
 *    promise callbacks (microtasks), then the loop's phases — check (setImmediate) right
 *    after poll (I/O callbacks), timers (setTimeout) on the next turn.
 * 2. The call stack: a thrown error records the frames that led to it; after an `await`
 *    the caller's frames are gone, and V8 keeps them as "async" frames.
 * 3. Blocking: one synchronous bcrypt.hashSync stops every other request of the server,
 *    and the API's own event-loop-delay metric (src/middleware/metrics.ts) shows it;
 *    bcrypt.hash does the same work on libuv's thread pool, and the server keeps answering.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import bcrypt from 'bcrypt';
import { createMetrics } from '../src/middleware/metrics';

function order(): Promise<void> {
  return new Promise((done) => {
    // Inside an I/O callback (poll phase), the order below is the same on every run.
    fs.readFile(__filename, () => {
      setTimeout(() => {
        console.log('  5. setTimeout 0     (timers phase, next turn of the loop)');
        done();
      }, 0);
      setImmediate(() => console.log('  4. setImmediate     (check phase, right after poll)'));
      Promise.resolve().then(() => console.log('  3. promise .then    (microtask queue)'));
      process.nextTick(() => console.log('  2. process.nextTick (before any promise callback)'));
      console.log('  1. synchronous code runs to the end first');
    });
  });
}

function inner(): never {
  throw new Error('thrown three calls deep');
}
function middle() {
  inner();
}
function outer() {
  middle();
}
async function awaitsThenThrows() {
  await new Promise((resolve) => setImmediate(resolve));
  inner();
}
async function caller() {
  await awaitsThenThrows();
}

/** The names of the first `count` frames of an error's stack. */
const frames = (err: Error, count: number) =>
  (err.stack ?? '')
    .split('\n')
    .slice(1, count + 1)
    .map((line) => line.trim().replace(/ \(.*\)$/, ''));

async function callStack() {
  try {
    outer();
  } catch (err) {
    console.log(`  synchronous: ${frames(err as Error, 3).join(' ← ')}`);
  }
  try {
    await caller();
  } catch (err) {
    console.log(`  after await: ${frames(err as Error, 3).join(' ← ')}`);
  }
}

/** Milliseconds for a GET to `url`. */
function timeRequest(url: string): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - start));
      })
      .on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The API's metric, as a scraper of GET /metrics reads it: the longest event-loop delay
 * since the last scrape. The monitor measures between ticks of its own 10 ms timer, so it
 * gets a moment to tick before the read (the late tick lands) and after it (a new window
 * starts from a tick, or its first delay would go unmeasured).
 */
async function maxLoopDelayMs(metrics: ReturnType<typeof createMetrics>) {
  await sleep(50);
  const all = await metrics.registry.getMetricsAsJSON();
  const max = all.find((m) => m.name === 'nodejs_eventloop_lag_max_seconds');
  await sleep(50);
  return Math.round(((max?.values[0]?.value as number) ?? 0) * 1000);
}

async function blocking() {
  const metrics = createMetrics();
  const server = http.createServer((_req, res) => res.end('pong'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const rounds = 14; // about half a second of hashing on a laptop
  await timeRequest(url); // a first connection, so both cases below measure the same thing

  await maxLoopDelayMs(metrics); // starts a fresh window
  let started = performance.now();
  const asyncWork = bcrypt.hash('secret', rounds).then(() => performance.now() - started);
  const duringAsync = await timeRequest(url);
  const asyncHash = await asyncWork;
  console.log(
    `  bcrypt.hash (libuv thread pool): ${Math.round(asyncHash)} ms of hashing; a request meanwhile ` +
      `was answered in ${Math.round(duringAsync)} ms; event-loop delay max ${await maxLoopDelayMs(metrics)} ms`,
  );

  const pending = timeRequest(url); // sent now, answered when the loop is free again
  await new Promise((resolve) => setImmediate(resolve));
  started = performance.now();
  bcrypt.hashSync('secret', rounds); // the same work on the main thread: nothing else runs
  const syncHash = performance.now() - started;
  const duringSync = await pending;
  console.log(
    `  bcrypt.hashSync (main thread):    ${Math.round(syncHash)} ms of hashing; a request meanwhile ` +
      `was answered in ${Math.round(duringSync)} ms; event-loop delay max ${await maxLoopDelayMs(metrics)} ms`,
  );
  await new Promise((resolve) => server.close(resolve));
}

async function main() {
  console.log('1. The order callbacks run in:');
  await order();
  console.log('2. The call stack, read from an error:');
  await callStack();
  console.log('3. One server, the same bcrypt work done two ways:');
  await blocking();
}

void main();
