import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Joi from 'joi';
import { ConfigError, loadConfig } from '../../src/config';
import { uploadConfig, uploadVariables } from '../../src/config/uploads';
import type { EnvOf } from '../../src/config/variables';

const PROD_SECRET = 'p'.repeat(40);

describe('loadConfig', () => {
  it('gives safe local defaults in development', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.db.uri).toBeUndefined();
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(config.log.format).toBe('pretty');
  });

  it('converts and splits values', () => {
    const config = loadConfig({
      PORT: '8080',
      CORS_ORIGINS: ' http://a.test , http://b.test,',
      TRUST_PROXY_HOPS: '2',
    });
    expect(config.port).toBe(8080);
    expect(config.http.corsOrigins).toEqual(['http://a.test', 'http://b.test']);
    expect(config.http.trustProxyHops).toBe(2);
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http.rateLimit)).toBe(true);
  });

  it('names an invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a number/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV must be one of/);
    expect(() => loadConfig({ MONGODB_URI: 'http://x' })).toThrow(/MONGODB_URI/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET length must be at least 32/,
    );
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: '-1', LOG_LEVEL: 'loud' })).toThrow(/PORT.*LOG_LEVEL/);
  });

  it('refuses production without MONGODB_URI', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: PROD_SECRET })).toThrow(
      /MONGODB_URI is required/,
    );
  });

  it('refuses production without a JWT secret, or with the development one', () => {
    const base = { NODE_ENV: 'production', MONGODB_URI: 'mongodb://db:27017/conduit' };
    expect(() => loadConfig(base)).toThrow(/JWT_SECRET is required/);
    const devSecret = loadConfig({}).jwt.secret;
    expect(() => loadConfig({ ...base, JWT_SECRET: devSecret })).toThrow(/JWT_SECRET/);
  });

  it('refuses production without a session secret', () => {
    const base = {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db:27017/conduit',
      JWT_SECRET: PROD_SECRET,
    };
    expect(() => loadConfig(base)).toThrow(/SESSION_SECRET is required/);
  });

  const production = {
    NODE_ENV: 'production',
    MONGODB_URI: 'mongodb://db:27017/conduit',
    JWT_SECRET: PROD_SECRET,
    SESSION_SECRET: 'q'.repeat(40),
    SMTP_URL: 'smtp://mail.example.com:587',
  };

  it('accepts a complete production environment and logs JSON there', () => {
    const config = loadConfig(production);
    expect(config.isProduction).toBe(true);
    expect(config.log.format).toBe('json');
    expect(config.mail.logBodies).toBe(false);
  });

  it('refuses production without SMTP_URL (emails would be lost), and mail bodies in its logs', () => {
    const { SMTP_URL: _smtp, ...withoutSmtp } = production;
    expect(() => loadConfig(withoutSmtp)).toThrow(/SMTP_URL is required/);
    expect(() => loadConfig({ ...production, MAIL_LOG_BODIES: 'true' })).toThrow(
      /MAIL_LOG_BODIES must be \[false\]/,
    );
    expect(loadConfig({ MAIL_LOG_BODIES: 'true' }).mail.logBodies).toBe(true);
  });

  it('allows no cross-origin browser calls in production until CORS_ORIGINS lists some', () => {
    expect(loadConfig(production).http.corsOrigins).toEqual([]);
    expect(loadConfig({}).http.corsOrigins).toContain('http://localhost:4200');
    expect(
      loadConfig({ ...production, CORS_ORIGINS: 'https://conduit.example' }).http.corsOrigins,
    ).toEqual(['https://conduit.example']);
  });

  it('gives RealWorld user tokens a day and /auth access tokens 15 minutes by default', () => {
    expect(loadConfig({}).jwt).toMatchObject({
      userTokenExpiresIn: '1d',
      accessTokenExpiresIn: '15m',
    });
  });

  it('caches the FerretDB binary per user, under XDG_CACHE_HOME or FERRETDB_CACHE_DIR', () => {
    expect(loadConfig({ XDG_CACHE_HOME: '/x/cache' }).db.ferretdbCacheDir).toBe(
      '/x/cache/conduit/ferretdb',
    );
    expect(loadConfig({ FERRETDB_CACHE_DIR: '/y' }).db.ferretdbCacheDir).toBe('/y');
  });

  it('uses fast bcrypt and silent logs in tests', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.bcryptRounds).toBe(4);
    expect(config.log.level).toBe('silent');
  });

  it('finds the project root from its own __dirname, whatever the working directory', () => {
    const { projectRoot, uploads, log } = loadConfig({});
    expect(fs.existsSync(path.join(projectRoot, 'package.json'))).toBe(true);
    expect(projectRoot).toBe(path.resolve(__dirname, '..', '..'));
    // Relative directories are resolved from it, not from process.cwd().
    expect(uploads.dir).toBe(path.join(projectRoot, 'data', 'uploads'));
    expect(log.dir).toBe(path.join(projectRoot, 'logs'));
  });

  it('refuses an UPLOADS_DIR inside src/ or public/ (uploads would be shipped or served as code)', () => {
    expect(() => loadConfig({ UPLOADS_DIR: 'public/uploads' })).toThrow(
      /UPLOADS_DIR.*must not be inside public\//,
    );
    expect(() => loadConfig({ UPLOADS_DIR: 'src' })).toThrow(/must not be inside src\//);
    expect(() => loadConfig({ UPLOADS_DIR: './src/../public/x' })).toThrow(/public/);
    expect(loadConfig({ UPLOADS_DIR: '/var/conduit/uploads' }).uploads.dir).toBe(
      '/var/conduit/uploads',
    );
  });
});

describe('a setting, stated once (src/config/variables.ts)', () => {
  // Checked by `npm run typecheck`: each @ts-expect-error must meet an error, or tsc fails.
  it('types each variable from its schema, so a misspelt or mistyped mapping does not compile', () => {
    const misspelt = (env: EnvOf<typeof uploadVariables>) => ({
      // @ts-expect-error a variable no schema declares is not there
      dir: env.UPLOAD_DIR,
      // @ts-expect-error UPLOAD_MAX_FILES is a number, not a string
      maxFiles: env.UPLOAD_MAX_FILES.trim(),
    });
    const driver: 'disk' | 'gridfs' = uploadConfig(loadEnvDefaults()).driver;
    expect(driver).toBe('disk');
    expect(misspelt).toBeInstanceOf(Function);
  });

  function loadEnvDefaults(): EnvOf<typeof uploadVariables> {
    const { value, error } = Joi.object(uploadVariables).validate({});
    if (error) throw error;
    return value as EnvOf<typeof uploadVariables>;
  }
});

describe('the .env file (dotenv)', () => {
  /** What the config module reads in a fresh process with this environment. */
  function configIn(env: Record<string, string>) {
    const script =
      "const { config } = require('./src/config'); console.log(JSON.stringify({ port: config.port, level: config.log.level }))";
    const { NODE_ENV: _unset, ...inherited } = process.env;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: path.resolve(__dirname, '..', '..'),
      env: { ...inherited, ...env },
      encoding: 'utf8',
    });
    return JSON.parse(out) as { port: number; level: string };
  }

  it('loads ENV_FILE (default .env) outside tests, and the real environment wins over it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-env-'));
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, '# a comment\nPORT=4321\nLOG_LEVEL=warn\n');
    try {
      expect(configIn({ ENV_FILE: file })).toEqual({ port: 4321, level: 'warn' });
      expect(configIn({ ENV_FILE: file, PORT: '5000' })).toEqual({ port: 5000, level: 'warn' });
      // Never in tests: a developer's .env could point them at a real database.
      expect(configIn({ ENV_FILE: file, NODE_ENV: 'test' }).port).toBe(3000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
