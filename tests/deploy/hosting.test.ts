/**
 * The hosting manifests: each names the build and start commands, a health check on
 * /health/ready, and every variable production needs — and the variables it sets or asks
 * for pass the app's own production config validation (src/config). vercel.json is also
 * checked against Vercel's schema; the others' schemas are online only (deploy/schemas/).
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config';
import { ROOT } from './helpers';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** What an operator fills in at deploy time: plausible values of the right kind. */
const SET_AT_DEPLOY: Record<string, string> = {
  MONGODB_URI: 'mongodb://db.example.com:27017/conduit',
  REDIS_URL: 'redis://redis.example.com:6379',
  SMTP_URL: 'smtp://user:pass@smtp.example.com:587',
  JWT_SECRET: 'j'.repeat(48),
  SESSION_SECRET: 's'.repeat(48),
  CORS_ORIGINS: 'https://conduit.example.com',
};
const NEEDED = ['MONGODB_URI', 'JWT_SECRET', 'SESSION_SECRET', 'SMTP_URL'];

/** The production config from a manifest's variables (given values, else filled in). */
function configFrom(vars: Record<string, string | undefined>) {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(vars)) env[key] = value ?? SET_AT_DEPLOY[key];
  return loadConfig(env);
}

describe('render.yaml', () => {
  const blueprint = parse(read('render.yaml'));
  const [web] = blueprint.services;

  it('declares a Node web service with build, start and health check', () => {
    expect(web).toMatchObject({
      type: 'web',
      runtime: 'node',
      buildCommand: 'npm ci && npm run build',
      startCommand: 'npm start',
      healthCheckPath: '/health/ready',
    });
  });

  it('gives production every variable it needs; secrets generated, Redis from its service', () => {
    const vars = Object.fromEntries(
      web.envVars.map((v: { key: string; value?: string }) => [v.key, v.value]),
    );
    expect(Object.keys(vars)).toEqual(expect.arrayContaining(NEEDED));
    expect(configFrom(vars).isProduction).toBe(true);
    const redis = web.envVars.find((v: { key: string }) => v.key === 'REDIS_URL');
    const names = blueprint.services.map((s: { name: string }) => s.name);
    expect(names).toContain(redis.fromService.name);
  });
});

describe('railway.json', () => {
  it('builds, starts and checks /health/ready', () => {
    const railway = JSON.parse(read('railway.json'));
    expect(railway.build.buildCommand).toBe('npm ci && npm run build');
    expect(railway.deploy).toMatchObject({
      startCommand: 'npm start',
      healthcheckPath: '/health/ready',
    });
  });
});

describe('Procfile and app.json (Heroku)', () => {
  it('runs the web process with npm start', () => {
    expect(read('Procfile').trim()).toBe('web: npm start');
  });

  it('asks for every variable production needs, generates the secrets, adds Redis', () => {
    const app = JSON.parse(read('app.json'));
    expect(Object.keys(app.env)).toEqual(expect.arrayContaining(NEEDED));
    expect(app.env.JWT_SECRET.generator).toBe('secret');
    expect(app.addons.map((a: { plan: string }) => a.plan)).toContain('heroku-redis:mini');
    const vars = Object.fromEntries(
      Object.entries(app.env as Record<string, { value?: string }>).map(([k, v]) => [k, v.value]),
    );
    expect(configFrom({ ...vars, REDIS_URL: undefined }).isProduction).toBe(true);
  });
});

describe('.do/app.yaml (DigitalOcean App Platform)', () => {
  const spec = parse(read('.do/app.yaml'));
  const [api] = spec.services;

  it('builds, runs and checks /health/ready on the port the app listens on', () => {
    expect(api).toMatchObject({
      build_command: 'npm ci && npm run build',
      run_command: 'npm start',
      http_port: 3000,
      health_check: { http_path: '/health/ready' },
    });
  });

  it('gives production every variable it needs; MongoDB from the attached database', () => {
    const vars = Object.fromEntries(
      api.envs.map((v: { key: string; value?: string }) => [v.key, v.value]),
    );
    expect(Object.keys(vars)).toEqual(expect.arrayContaining(NEEDED));
    expect(vars.MONGODB_URI).toBe(`\${${spec.databases[0].name}.DATABASE_URL}`);
    expect(spec.databases[0]).toMatchObject({ engine: 'MONGODB' });
    expect(configFrom({ ...vars, MONGODB_URI: undefined }).isProduction).toBe(true);
    for (const secret of ['JWT_SECRET', 'SESSION_SECRET', 'SMTP_URL'])
      expect(api.envs.find((v: { key: string }) => v.key === secret).type).toBe('SECRET');
  });
});

describe('vercel.json (Vercel functions)', () => {
  const vercel = JSON.parse(read('vercel.json'));

  it("validates against Vercel's schema (deploy/schemas/), which refuses a broken copy", () => {
    const { $schema: _draft, ...schema } = JSON.parse(read('deploy/schemas/vercel.schema.json'));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(vercel)).toBe(true);
    const broken = { ...vercel, functions: { 'api/index.ts': { maxDuration: 'thirty' } } };
    expect(validate(broken)).toBe(false);
  });

  it('builds, and sends every path to the one function in api/ that wraps the app', () => {
    expect(vercel.buildCommand).toBe('npm run build');
    const [entry] = Object.keys(vercel.functions);
    expect(fs.existsSync(path.join(ROOT, entry))).toBe(true);
    expect(read(entry)).toContain('createVercelHandler');
    expect(vercel.rewrites).toEqual([{ source: '/(.*)', destination: '/api' }]);
    // The static client (public/) ships with the function, as express.static serves it.
    expect(vercel.functions[entry].includeFiles).toBe('public/**');
    // Below the platform's ceiling, above the app's own server-selection timeout.
    expect(vercel.functions[entry].maxDuration).toBeGreaterThan(
      loadConfig({ NODE_ENV: 'test' }).db.serverSelectionTimeoutMs / 1000,
    );
  });
});
