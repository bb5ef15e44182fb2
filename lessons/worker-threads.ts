/**
 * Lesson: V8 and the single thread.  Run: npm run lesson -- worker-threads
 *
 * Your JavaScript runs on one thread: V8 executes one call stack at a time, and the event
 * loop only moves on when the stack is empty. A timer that should tick every 10 ms does not
 * tick at all while the main thread computes. The same computation in a worker thread (its
 * own V8 isolate, its own event loop, no shared variables — only messages) leaves the main
 * thread free, and the timer keeps ticking.
 */
import { Worker } from 'node:worker_threads';

/** Deliberately slow work: the n-th Fibonacci number, recursively. */
function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
const N = 37;

/** Counts the ticks of a 10 ms interval while `work` runs. */
async function ticksDuring(work: () => Promise<unknown>) {
  let ticks = 0;
  const timer = setInterval(() => (ticks += 1), 10);
  const started = performance.now();
  const result = await work();
  const ms = Math.round(performance.now() - started);
  clearInterval(timer);
  return { ticks, ms, result };
}

function inWorker(n: number): Promise<number> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     ${fib.toString()}
     parentPort.postMessage(fib(workerData));`,
    { eval: true, workerData: n },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function main() {
  // Warm both up, so the two runs below compare the work and not V8's compiler.
  fib(25);
  await inWorker(20);
  const main = await ticksDuring(async () => fib(N));
  console.log(
    `fib(${N}) on the main thread: ${main.ms} ms, the 10 ms timer ticked ${main.ticks} times`,
  );
  const worker = await ticksDuring(() => inWorker(N));
  console.log(
    `fib(${N}) in a worker thread: ${worker.ms} ms, the 10 ms timer ticked ${worker.ticks} times`,
  );
  console.log(`same answer from both: ${main.result === worker.result}`);
}

void main();
