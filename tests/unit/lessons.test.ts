/**
 * Every lesson (lessons/, `npm run lesson -- <name>`) runs as a learner would run it, and
 * prints what its text says it shows. Timings vary from machine to machine: those are
 * compared with each other, never with a number of milliseconds.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { LESSONS, lessonCommand, type LessonName } from '../../lessons/run';
import { testDatabaseUri } from '../helpers/database';

const run = promisify(execFile);

async function lesson(name: LessonName): Promise<string> {
  const { stdout } = await run(process.execPath, lessonCommand(name), {
    env: { ...process.env, MONGODB_URI: testDatabaseUri() },
    timeout: 60_000,
  });
  return stdout;
}

/** The numbers in the line that contains `marker`. */
function numbersIn(output: string, marker: string): number[] {
  const line = output.split('\n').find((l) => l.includes(marker));
  if (!line) throw new Error(`no line with "${marker}" in:\n${output}`);
  return [...line.matchAll(/(\d+) ms/g)].map((m) => Number(m[1]));
}

describe('npm run lesson -- <name>', () => {
  it('knows every lesson in lessons/: each program, and the mocking lesson’s Jest file', () => {
    const dir = path.join(__dirname, '..', '..', 'lessons');
    const programs = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
      .map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(LESSONS).sort()).toEqual([...programs, 'mocking'].sort());
  });
});

describe('lesson: event-loop', () => {
  it('prints sync, nextTick, promise, immediate, timeout in that order; stacks; blocking vs the thread pool', async () => {
    const out = await lesson('event-loop');
    const order = out.split('\n').filter((l) => /^ {2}\d\. /.test(l));
    expect(order.map((l) => l.trim().slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.']);
    expect(order[1]).toContain('process.nextTick');
    expect(order[3]).toContain('setImmediate');
    expect(order[4]).toContain('setTimeout');
    expect(out).toContain('synchronous: at inner ← at middle ← at outer');
    expect(out).toContain('after await: at inner ← at awaitsThenThrows ← at async caller');

    const [asyncHash, asyncRequest, asyncDelay] = numbersIn(out, 'bcrypt.hash (libuv');
    const [syncHash, syncRequest, syncDelay] = numbersIn(out, 'bcrypt.hashSync');
    // On the thread pool, the server answered while the hash ran; on the main thread the
    // request waited for the whole hash, and the loop's delay metric saw it.
    expect(asyncRequest).toBeLessThan(asyncHash!);
    expect(syncRequest).toBeGreaterThanOrEqual(syncHash! * 0.9);
    expect(syncDelay).toBeGreaterThanOrEqual(syncHash! * 0.9);
    expect(syncDelay).toBeGreaterThan(asyncDelay!);
  });
});

describe('lesson: worker-threads', () => {
  it('a timer never ticks while the main thread computes, and ticks while a worker does', async () => {
    const out = await lesson('worker-threads');
    expect(out).toMatch(/on the main thread: \d+ ms, the 10 ms timer ticked 0 times/);
    const ticks = Number(
      /in a worker thread: \d+ ms, the 10 ms timer ticked (\d+) times/.exec(out)?.[1],
    );
    expect(ticks).toBeGreaterThan(0);
    expect(out).toContain('same answer from both: true');
  });
});

describe('lesson: modules', () => {
  it('loads CommonJS and ES modules both ways, and shows what node20 emits for each file type', async () => {
    const out = await lesson('modules');
    expect(out).toContain("require('./greet.cjs'): hello, CJS (from CommonJS)");
    expect(out).toContain("import('./greet.mjs') from CommonJS: hello, CJS (from an ES module)");
    expect(out).toContain('import from .cjs: hello, ESM (from CommonJS)');
    expect(out).toContain('which.js is CommonJS');
    expect(out).toContain('esm-package/which.js is an ES module');
    expect(out).toMatch(
      /no "type" \(this project\): +example\.ts +→ example\.js +const node_path_1 = require\("node:path"\)/,
    );
    expect(out).toMatch(
      /"type": "module": +example\.ts +→ example\.js +import \{ join \} from 'node:path'/,
    );
    expect(out).toMatch(/example\.mts → example\.mjs import/);
    expect(out).toMatch(/example\.cts → example\.cjs const node_path_1 = require/);
  });
});

describe('lesson: streams', () => {
  it('holds the whole stream without backpressure, and at most highWaterMark with drain or pipeline', async () => {
    const out = await lesson('streams');
    expect(out).toContain('1. write() without waiting:   1024 KiB waiting in memory at the peak');
    expect(out).toContain(
      "2. waiting for 'drain':        64 KiB at the peak; the producer paused 16 times",
    );
    const piped = Number(
      /3\. pipeline\(\): +(\d+) KiB at the peak; 1024 KiB passed through/.exec(out)?.[1],
    );
    expect(piped).toBeLessThanOrEqual(64);
    expect(out).toContain(
      '4. pipeline() with an error:   rejected with "disk full"; source destroyed: true, sink destroyed: true',
    );
  });
});

describe('lesson: globals', () => {
  it('prints the CommonJS module values, the ES module equivalents, and the machine', async () => {
    const out = await lesson('globals');
    expect(out).toContain('__filename: lessons/globals.ts');
    expect(out).toContain('__dirname:  lessons');
    expect(out).toContain('typeof __dirname:     undefined');
    expect(out).toContain('import.meta.filename: lessons/globals/esm.mjs');
    expect(out).toContain(`process.versions.node: ${process.versions.node}`);
    expect(out).toMatch(/os\.availableParallelism\(\): \d+/);
  });
});

describe('lesson: indexes', () => {
  it('explains the tag page before and after the model index, and says whether the plan changed', async () => {
    const out = await lesson('indexes');
    expect(out).toContain('"slug": "article-7"');
    expect(out).toContain('indexes now: _id_, tagList_1_createdAt_-1');
    // The embedded FerretDB keeps its scan; a MongoDB (MONGODB_URI) walks the index.
    const onMongo = out.includes('Database: mongodb');
    expect(out).toContain(`the index changed the plan: ${onMongo ? 'yes' : 'no'}`);
    if (onMongo) expect(out).toMatch(/plan: .*IXSCAN tagList_1_createdAt_-1/);
    else expect(out).toMatch(/4\. One article by _id: .*filter pushed down: yes/);
  });
});

describe('lesson: mocking', () => {
  it('runs its Jest file: jest.fn, jest.spyOn and jest.mock tests all pass', async () => {
    const { stderr } = await run(process.execPath, lessonCommand('mocking'), { timeout: 60_000 });
    expect(stderr).toContain(
      'accepts an email with no recipient, which the real nodemailer and SMTP server refuse',
    );
    expect(stderr).toMatch(/Tests: +5 passed, 5 total/);
  });
});
