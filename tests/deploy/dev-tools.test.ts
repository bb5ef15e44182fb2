/**
 * The habits CONTRIBUTING.md asks for, with the real tools: the Git pre-commit hook (husky
 * + lint-staged) on a scratch repository set up from this one's files, the Prettier check
 * CI runs, and the Dockerfile linter (Docker's build checks). Each is shown to bite.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, run, tempDir } from './helpers';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Learner',
  GIT_AUTHOR_EMAIL: 'learner@conduit.test',
  GIT_COMMITTER_NAME: 'Learner',
  GIT_COMMITTER_EMAIL: 'learner@conduit.test',
};

/** A new Git repository with this project's lint and format setup, hooks installed as `npm ci` installs them. */
function scratchRepository() {
  const dir = tempDir('hooks');
  for (const file of ['package.json', '.eslintrc.json', '.prettierrc', '.prettierignore'])
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  fs.mkdirSync(path.join(dir, '.husky'));
  fs.copyFileSync(path.join(ROOT, '.husky', 'pre-commit'), path.join(dir, '.husky', 'pre-commit'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const git = (...args: string[]) => run('git', ['-C', dir, ...args], GIT_ENV);
  git('init', '-q');
  // What `npm ci` runs in a clone (the prepare script): husky points Git at .husky/_.
  expect(run('sh', ['-c', 'cd "$0" && npx husky', dir], GIT_ENV).code).toBe(0);
  expect(git('config', 'core.hooksPath').output.trim()).toBe('.husky/_');
  return { dir, git };
}

describe('the pre-commit hook (.husky/pre-commit → lint-staged)', () => {
  it('formats a staged file with Prettier before it is committed', () => {
    const { dir, git } = scratchRepository();
    fs.writeFileSync(
      path.join(dir, 'src', 'sum.ts'),
      'export const sum=(a:number,b:number)=>a+b\n',
    );
    git('add', 'src/sum.ts');
    const commit = git('commit', '-q', '-m', 'Add sum');
    expect(commit.code).toBe(0);
    expect(git('show', 'HEAD:src/sum.ts').output).toBe(
      'export const sum = (a: number, b: number) => a + b;\n',
    );
  });

  it('stops a commit whose staged file breaks a lint rule, and names the rule', () => {
    const { dir, git } = scratchRepository();
    fs.writeFileSync(path.join(dir, 'src', 'any.ts'), 'export const value: any = 1;\n');
    git('add', 'src/any.ts');
    const commit = git('commit', '-q', '-m', 'Add any');
    expect(commit.code).not.toBe(0);
    expect(commit.output).toContain('@typescript-eslint/no-explicit-any');
    expect(git('rev-parse', '--verify', '-q', 'HEAD').code).not.toBe(0); // nothing committed
  });
});

describe('npm run format:check (Prettier, in .ci/run and both CI workflows)', () => {
  it('passes this repository, and fails a misformatted file', () => {
    expect(run('npm', ['run', '--silent', 'format:check']).code).toBe(0);
    const dir = tempDir('prettier');
    fs.copyFileSync(path.join(ROOT, '.prettierrc'), path.join(dir, '.prettierrc'));
    fs.writeFileSync(path.join(dir, 'ugly.ts'), 'const  a = {b:1}\n');
    const check = run(path.join(ROOT, 'node_modules', '.bin', 'prettier'), ['--check', dir]);
    expect(check.code).not.toBe(0);
    expect(check.output).toContain('ugly.ts');
  });
});

describe('npm run lint:dockerfile (Docker’s build checks, tools/dockerfile-lint)', () => {
  it('passes the Dockerfile, and fails a copy with lower-case instructions, a secret in ENV and a shell-form CMD', () => {
    const lint = (...files: string[]) =>
      run('npm', ['run', '--silent', 'lint:dockerfile', '--', ...files]);
    const ours = lint();
    expect(ours.output).toContain('no problems');
    expect(ours.code).toBe(0);

    const broken = path.join(tempDir('dockerfile'), 'Dockerfile');
    const source = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    fs.writeFileSync(
      broken,
      source
        .replace(
          'FROM node:20.20.2-bookworm-slim AS build',
          'from node:20.20.2-bookworm-slim as build',
        )
        .replace('ENV NODE_ENV=production', 'ENV API_PASSWORD=hunter2 NODE_ENV=production')
        .replace('CMD ["node", "dist/server.js"]', 'CMD node dist/server.js'),
    );
    const theirs = lint(broken);
    expect(theirs.code).toBe(1);
    for (const rule of [
      'ConsistentInstructionCasing',
      'SecretsUsedInArgOrEnv',
      'JSONArgsRecommended',
    ])
      expect(theirs.output).toContain(rule);
  });
});
