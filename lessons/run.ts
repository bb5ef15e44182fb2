/**
 * The lessons: small programs for what the app cannot show by itself.
 *   npm run lesson -- <name>   runs one (npm run lesson lists them)
 *   npm run lessons            runs them all, one after the other
 * Each runs in a process of its own; tests/unit/lessons.test.ts asserts what each prints.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const LESSONS = {
  'event-loop': 'the order of nextTick, promises, immediates and timers; the call stack; blocking',
  'worker-threads': 'V8 runs your JavaScript on one thread; a worker thread is another',
  modules: 'CommonJS and ES modules, "type", .cjs/.mjs, and what "module": "node20" emits',
  streams: 'backpressure: highWaterMark, write() and drain, pipeline() and its errors',
  globals: '__dirname, __filename, process, import.meta, and the os module',
  indexes: 'documents, collections, and explain() of the list query with and without its index',
  mocking: 'jest.fn, jest.spyOn, jest.mock, and why the integration suite uses real services',
} as const;

export type LessonName = keyof typeof LESSONS;

const isLesson = (name: string): name is LessonName => name in LESSONS;

/** The command that runs a lesson: the mocking lesson is a Jest file, the others programs. */
export function lessonCommand(name: LessonName): string[] {
  if (name === 'mocking')
    return [
      require.resolve('jest/bin/jest'),
      '-c',
      path.join(__dirname, 'mocking', 'jest.config.js'),
    ];
  return ['--import', 'tsx', path.join(__dirname, `${name}.ts`)];
}

function runLesson(name: LessonName): number {
  console.log(`\n=== lesson: ${name} — ${LESSONS[name]}\n`);
  const { status } = spawnSync(process.execPath, lessonCommand(name), { stdio: 'inherit' });
  return status ?? 1;
}

if (require.main === module) {
  const [wanted] = process.argv.slice(2);
  if (wanted === '--all') {
    const failed = Object.keys(LESSONS).filter((name) => runLesson(name as LessonName) !== 0);
    if (failed.length) console.error(`\nfailed: ${failed.join(', ')}`);
    process.exitCode = failed.length ? 1 : 0;
  } else if (wanted && isLesson(wanted)) {
    process.exitCode = runLesson(wanted);
  } else {
    if (wanted) console.error(`No lesson named "${wanted}".`);
    console.log('npm run lesson -- <name>, one of:');
    for (const [name, about] of Object.entries(LESSONS))
      console.log(`  ${name.padEnd(15)} ${about}`);
    process.exitCode = wanted ? 2 : 0;
  }
}
