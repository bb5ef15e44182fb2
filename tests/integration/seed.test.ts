import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { testDatabaseUri } from '../helpers/database';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

describe('npm run seed (scripts/seed.ts)', () => {
  const dbName = `seed_${process.env.JEST_WORKER_ID ?? '0'}_${Date.now()}`;
  let conn: mongoose.Connection;

  beforeAll(async () => {
    conn = await mongoose.createConnection(testDatabaseUri(), { dbName }).asPromise();
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

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
    return Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, await conn.collection(n).countDocuments()])),
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
});
