/**
 * Lesson: streams and backpressure.  Run: npm run lesson -- streams
 *
 * A fast producer (here 64 chunks of 16 KiB, as fast as it can) and a slow consumer (2 ms
 * a chunk, like a client on a slow network). `highWaterMark` is how much a stream buffers
 * before `write()` answers false: "stop, I am full". Three ways to connect them:
 * 1. ignore write()'s answer: everything piles up in memory (a large upload or download
 *    would hold the whole file);
 * 2. wait for 'drain' when write() says false: memory stays near highWaterMark;
 * 3. `pipeline()` does that for you, and also tears every stream down on an error — what
 *    this project uses for uploads and downloads (src/storage/disk-storage.ts,
 *    src/controllers/send-stream.ts).
 */
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const CHUNK = 16 * 1024;
const CHUNKS = 64;
const HIGH_WATER_MARK = 64 * 1024;
const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

/** A consumer that takes 2 ms per chunk, and remembers the most it ever had waiting. */
function slowConsumer() {
  let peak = 0;
  const sink = new Writable({
    highWaterMark: HIGH_WATER_MARK,
    write(_chunk, _encoding, done) {
      setTimeout(done, 2);
    },
  });
  const note = () => (peak = Math.max(peak, sink.writableLength));
  return { sink, note, peak: () => peak };
}

async function ignoringBackpressure() {
  const { sink, note, peak } = slowConsumer();
  for (let i = 0; i < CHUNKS; i += 1) {
    sink.write(Buffer.alloc(CHUNK)); // the answer (false once full) is ignored
    note();
  }
  await new Promise((resolve) => sink.end(resolve));
  return peak();
}

async function waitingForDrain() {
  const { sink, note, peak } = slowConsumer();
  let pauses = 0;
  for (let i = 0; i < CHUNKS; i += 1) {
    const more = sink.write(Buffer.alloc(CHUNK));
    note();
    if (!more) {
      pauses += 1;
      await new Promise((resolve) => sink.once('drain', resolve));
    }
  }
  await new Promise((resolve) => sink.end(resolve));
  return { peak: peak(), pauses };
}

/** A producer that only makes a chunk when the pipeline asks for one. */
const producer = () =>
  Readable.from(
    (function* () {
      for (let i = 0; i < CHUNKS; i += 1) yield Buffer.alloc(CHUNK);
    })(),
  );

async function withPipeline() {
  const { sink, note, peak } = slowConsumer();
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      note();
      done(null, chunk);
    },
  });
  await pipeline(producer(), count, sink);
  return { peak: peak(), bytes };
}

async function pipelineWithFailure() {
  const source = producer();
  const { sink } = slowConsumer();
  let seen = 0;
  const failing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += 1;
      done(seen === 10 ? new Error('disk full') : null, chunk);
    },
  });
  try {
    await pipeline(source, failing, sink);
  } catch (err) {
    return `rejected with "${(err as Error).message}"; source destroyed: ${source.destroyed}, sink destroyed: ${sink.destroyed}`;
  }
  return 'did not fail';
}

async function main() {
  console.log(
    `${CHUNKS} chunks of ${kib(CHUNK)} (${kib(CHUNK * CHUNKS)}) into a consumer taking 2 ms each, highWaterMark ${kib(HIGH_WATER_MARK)}:`,
  );
  console.log(
    `1. write() without waiting:   ${kib(await ignoringBackpressure())} waiting in memory at the peak`,
  );
  const drained = await waitingForDrain();
  console.log(
    `2. waiting for 'drain':        ${kib(drained.peak)} at the peak; the producer paused ${drained.pauses} times`,
  );
  const piped = await withPipeline();
  console.log(
    `3. pipeline():                 ${kib(piped.peak)} at the peak; ${kib(piped.bytes)} passed through`,
  );
  console.log(`4. pipeline() with an error:   ${await pipelineWithFailure()}`);
}

void main();
