/**
 * EMBEDDED_DB_POSTGRESQL_URL: the embedded FerretDB on PostgreSQL instead of SQLite files
 * (`npm run db` and the server pass it on). The machine's PostgreSQL (.ci/run starts one)
 * holds the data: a MongoDB database becomes a PostgreSQL schema.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { loadConfig } from '../../src/config';
import { startFerretdb, type EmbeddedDatabase } from '../../src/db/ferretdb';
import { ferretdbCacheDir } from '../helpers/database';

const POSTGRESQL_URL =
  process.env.TEST_POSTGRESQL_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('embedded database on PostgreSQL', () => {
  let db: EmbeddedDatabase | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-pg-'));
  afterAll(async () => {
    await db?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is chosen by config, and stores documents in PostgreSQL', async () => {
    const config = loadConfig({ NODE_ENV: 'test', EMBEDDED_DB_POSTGRESQL_URL: POSTGRESQL_URL });
    expect(config.db.embeddedPostgresqlUrl).toBe(POSTGRESQL_URL);
    db = await startFerretdb({
      dataDir,
      cacheDir: ferretdbCacheDir,
      log: () => undefined,
      postgresqlUrl: config.db.embeddedPostgresqlUrl,
    });
    const name = `conduit_pg_${process.pid}_${Date.now()}`;
    const client = await mongoose.mongo.MongoClient.connect(`${db.uri}${name}`);
    try {
      await client
        .db()
        .collection('articles')
        .insertOne({ slug: 'on-postgres', tagList: ['pg'] });
      expect(await client.db().collection('articles').findOne({ tagList: 'pg' })).toMatchObject({
        slug: 'on-postgres',
      });
      const schemas = execFileSync(
        'psql',
        [POSTGRESQL_URL, '-tAc', 'select nspname from pg_namespace'],
        {
          encoding: 'utf8',
        },
      );
      expect(schemas.split('\n')).toContain(name);
      expect(fs.readdirSync(dataDir)).toEqual([]); // no SQLite files
    } finally {
      await client.db().dropDatabase();
      await client.close();
    }
  });

  it('refuses a URL that is not PostgreSQL', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'test', EMBEDDED_DB_POSTGRESQL_URL: 'mysql://x@y/z' }),
    ).toThrow(/EMBEDDED_DB_POSTGRESQL_URL/);
  });
});
