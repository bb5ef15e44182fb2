/**
 * docs/ROADMAP.md is the map a learner follows: topic → file and symbol → test. This keeps
 * it true (every topic of docs/roadmap-topics.md has a row, and every pointer holds), and
 * shows that the check itself fails on a broken pointer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkRoadmap, parseTopics, pointersIn } from '../helpers/roadmap';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const roadmap = read('docs/ROADMAP.md');
const topics = read('docs/roadmap-topics.md');

describe('docs/ROADMAP.md', () => {
  it('has a row for every roadmap topic, in order, and every cited file, symbol and test exists', () => {
    expect(checkRoadmap({ root: ROOT, roadmap, topics })).toEqual([]);
  });

  it('numbers the 72 topics of the user’s roadmap, section by section', () => {
    const ids = parseTopics(topics);
    expect(ids).toHaveLength(72);
    const perSection = ids.reduce<Record<string, number>>((count, id) => {
      const section = id.split('.')[0]!;
      return { ...count, [section]: (count[section] ?? 0) + 1 };
    }, {});
    expect(perSection).toEqual({
      1: 5,
      2: 5,
      3: 4,
      4: 8,
      5: 7,
      6: 5,
      7: 5,
      8: 5,
      9: 3,
      10: 2,
      11: 3,
      12: 3,
      13: 4,
      14: 2,
      15: 6,
      B: 5,
    });
  });

  it('links nothing outside the repository but web pages', () => {
    for (const doc of ['docs/ROADMAP.md', 'docs/roadmap-topics.md', 'README.md']) {
      const targets = [...read(doc).matchAll(/\]\(([^)#\s]+)/g)].map((m) => m[1]!);
      const outside = targets.filter(
        (t) =>
          !/^https?:/.test(t) &&
          !path.resolve(ROOT, path.dirname(doc), t).startsWith(`${ROOT}${path.sep}`),
      );
      expect([doc, outside]).toEqual([doc, []]);
    }
  });
});

describe('checkRoadmap (the drift check itself)', () => {
  const row = (code: string, test: string) => `| 1.1 | a topic | ${code} | ${test} | notice |\n`;
  const someTopics = '- 1.1 A topic\n';
  const check = (markdown: string, topicList = someTopics) =>
    checkRoadmap({ root: ROOT, roadmap: markdown, topics: topicList });
  const good = {
    code: '`src/utils/errors.ts` › `AppError`',
    test: '`tests/unit/error-mapping.test.ts` › "passes AppErrors through"',
  };

  it('passes a row whose pointers all hold', () => {
    expect(check(row(good.code, good.test))).toEqual([]);
  });

  it('fails on a cited file that does not exist', () => {
    expect(check(row('`src/utils/mistakes.ts` › `AppError`', good.test))).toEqual([
      'row 1.1 (line 1): src/utils/mistakes.ts does not exist',
    ]);
  });

  it('fails on a symbol the cited file does not define', () => {
    expect(check(row('`src/utils/errors.ts` › `AppErrror`', good.test))).toEqual([
      'row 1.1 (line 1): src/utils/errors.ts does not define AppErrror',
    ]);
  });

  it('fails on a symbol the cited file only imports from a file of ours (the code moved)', () => {
    expect(check(row('`src/middleware/error-handler.ts` › `toAppError`', good.test))).toEqual([
      'row 1.1 (line 1): src/middleware/error-handler.ts does not define toAppError',
    ]);
    expect(check(row('`src/app.ts` › `cors`', good.test))).toEqual([]); // a package's
  });

  it('fails on a test name that is not in the cited test file', () => {
    expect(
      check(row(good.code, '`tests/unit/error-mapping.test.ts` › "passes every error"')),
    ).toEqual([
      'row 1.1 (line 1): tests/unit/error-mapping.test.ts has no test "passes every error"',
    ]);
  });

  it('fails on a roadmap topic with no row, and on a row without code or test', () => {
    expect(check(row(good.code, good.test), `${someTopics}- 1.2 Another topic\n`)).toEqual([
      'topic 1.2 has no row',
    ]);
    expect(check(row('plain words', 'more words'))).toEqual([
      'row 1.1 (line 1): names no file › symbol',
      'row 1.1 (line 1): names no test › "name"',
    ]);
  });

  it('fails when a pointer of the real map breaks: a function renamed in the cited file', () => {
    const broken = roadmap.replace(
      '`src/utils/mongo.ts` › `retryOnDuplicate`',
      '`src/utils/mongo.ts` › `retryOnDuplicates`',
    );
    expect(broken).not.toBe(roadmap);
    expect(checkRoadmap({ root: ROOT, roadmap: broken, topics })).toEqual([
      expect.stringMatching(
        /^row 1\.4 \(line \d+\): src\/utils\/mongo\.ts does not define retryOnDuplicates$/,
      ),
    ]);
  });

  it('reads several files and names per cell, and stops at the next file', () => {
    expect(pointersIn('`a.ts` › `x`, `y`; `b.ts` › `z` and `t.test.ts` › "one"; "two"')).toEqual({
      symbols: [
        { file: 'a.ts', names: ['x', 'y'] },
        { file: 'b.ts', names: ['z'] },
      ],
      tests: [{ file: 't.test.ts', names: ['one', 'two'] }],
    });
  });
});
