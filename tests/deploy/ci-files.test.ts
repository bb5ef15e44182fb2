/**
 * The CI definitions for other hosts, checked with real tools: actionlint for the GitHub
 * workflow, GitLab's CI JSON schema (deploy/schemas/gitlab-ci.schema.json) for .gitlab-ci.yml.
 * Each check is also shown to fail on a broken copy, so a pass means something.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ROOT, run, tempDir } from './helpers';

const WORKFLOW = path.join(ROOT, '.github', 'workflows', 'ci.yml');
const GITLAB = path.join(ROOT, '.gitlab-ci.yml');

/** actionlint from PATH, else where `go install` puts it. */
function actionlint(file: string) {
  const gopath = run('go', ['env', 'GOPATH']).output.trim();
  const installed = path.join(gopath, 'bin', 'actionlint');
  return run(fs.existsSync(installed) ? installed : 'actionlint', ['-no-color', file]);
}

describe('.github/workflows/ci.yml', () => {
  const workflow = fs.readFileSync(WORKFLOW, 'utf8');

  it('passes actionlint, which fails a broken copy', () => {
    expect(actionlint(WORKFLOW)).toEqual({ code: 0, output: '' });
    const broken = path.join(tempDir('actionlint'), 'ci.yml');
    fs.writeFileSync(broken, workflow.replace('needs: checks', 'needs: no-such-job'));
    expect(actionlint(broken).code).not.toBe(0);
  });

  it('pins every action by a full commit SHA', () => {
    const uses = [...workflow.matchAll(/uses: (\S+)/g)].map((m) => m[1]);
    expect(uses.length).toBeGreaterThan(4);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it('runs lint, typecheck, tests on MongoDB 7, Redis and PostgreSQL, Postman, and builds the image', () => {
    const { jobs } = parse(workflow);
    const steps = JSON.stringify(jobs.checks.steps);
    for (const command of [
      'npm run format:check',
      'npm run lint',
      'npm run typecheck',
      'npm test',
      'npm run test:postman',
    ])
      expect(steps).toContain(command);
    expect(JSON.stringify(jobs.image.steps)).toContain('docker buildx build --check .');
    expect(jobs.checks.services.mongo.image).toBe('mongo:7.0');
    expect(jobs.checks.services.redis.image).toMatch(/^redis:7/);
    expect(jobs.checks.services.postgres.image).toMatch(/^postgres:/);
    expect(jobs.checks.env.TEST_POSTGRESQL_URL).toMatch(/^postgres:\/\/.+@127\.0\.0\.1:5432\//);
    expect(jobs.image.needs).toBe('checks');
  });
});

describe('.gitlab-ci.yml', () => {
  const schema = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'deploy', 'schemas', 'gitlab-ci.schema.json'), 'utf8'),
  );
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  const pipeline = parse(fs.readFileSync(GITLAB, 'utf8'));

  it("validates against GitLab's CI schema, which rejects a broken copy", () => {
    expect(validate(pipeline) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...pipeline, tests: { ...pipeline.tests, script: 42 } })).toBe(false);
  });

  it('has the same stages as the GitHub workflow: checks, tests with services, the image', () => {
    expect(pipeline.stages).toEqual(['check', 'test', 'image']);
    const script = JSON.stringify(pipeline);
    for (const command of [
      'npm run format:check',
      'npm run lint',
      'npm run typecheck',
      'npm test',
      'npm run test:postman',
    ])
      expect(script).toContain(command);
    expect(pipeline['docker-image'].script).toContain('docker build --check .');
    expect(pipeline.tests.services.map((s: { name: string }) => s.name)).toEqual([
      'mongo:7.0',
      'redis:7.2-alpine',
      'postgres:16-alpine',
    ]);
    expect(pipeline.tests.variables.TEST_POSTGRESQL_URL).toMatch(/@postgres:5432\//);
    expect(pipeline['docker-image'].script.join('\n')).toContain('docker push');
  });
});
