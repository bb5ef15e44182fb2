import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import request from 'supertest';
import { buildApp } from '../helpers/app';
import { testDatabaseUri, useTestDatabase } from '../helpers/database';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

const { dbName } = useTestDatabase();

describe('npm run seed (scripts/seed.ts)', () => {
  async function seed() {
    // The database name rides on the URI path, so the seeder's own config picks it up.
    const uri = `${testDatabaseUri().replace(/\/?(\?.*)?$/, '')}/${dbName}`;
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MONGODB_URI: uri,
      LOG_LEVEL: 'error',
    };
    return run(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], { cwd: ROOT, env });
  }

  async function counts() {
    const names = ['users', 'articles', 'comments', 'favorites', 'follows'];
    const { db } = mongoose.connection;
    return Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, await db!.collection(n).countDocuments()])),
    );
  }

  it('creates demo data with progress output, and a second run adds nothing', async () => {
    const first = await seed();
    expect(first.stdout).toContain('articles   ###### 6/6');
    const afterFirst = await counts();
    expect(afterFirst).toEqual({ users: 3, articles: 6, comments: 6, favorites: 6, follows: 4 });
    await seed();
    expect(await counts()).toEqual(afterFirst);
  });

  it.each(['jake@conduit.test', 'ada@conduit.test', 'linus@conduit.test'])(
    'lets the README’s demo account %s log in',
    async (email) => {
      const res = await request(buildApp())
        .post('/api/v1/users/login')
        .send({ user: { email, password: 'conduit-demo-2026' } });
      expect(res.status).toBe(200);
      expect(res.body.user.email).toBe(email);
    },
  );
});
