import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { connectDatabase, disconnectDatabase } from '../../src/db/connection';
import { startFerretdb, type EmbeddedDatabase } from '../../src/db/ferretdb';
import { buildApp } from '../helpers/app';
import { ferretdbCacheDir as cacheDir, useTestDatabase } from '../helpers/database';

describe('GET /health/live', () => {
  it('answers 200 while the process is up, database or not', async () => {
    const res = await request(buildApp()).get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', uptime: expect.any(Number) });
  });
});

describe('GET /health/ready', () => {
  describe('with the database up', () => {
    useTestDatabase();

    it('answers 200 and reports the database up', async () => {
      const res = await request(buildApp()).get('/health/ready');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ready', checks: { database: 'up' } });
      expect(res.headers['cache-control']).toBe('no-store');
    });
  });

  describe('when the database goes away and comes back', () => {
    // A database of this test's own, so stopping it disturbs no other test file.
    let db: EmbeddedDatabase;
    let dataDir: string;
    const log = () => undefined;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-ready-'));
      db = await startFerretdb({ dataDir, cacheDir, log });
      await connectDatabase(`${db.uri}ready`, { retries: 0, serverSelectionTimeoutMs: 2000 });
    });

    afterAll(async () => {
      await disconnectDatabase();
      await db.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('answers 503 in the error shape while it is down, and 200 again once it is back', async () => {
      const app = buildApp();
      await request(app).get('/health/ready').expect(200);

      const port = new URL(db.uri).port;
      await db.stop();
      const down = await request(app).get('/health/ready');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({
        errors: { database: ['is unreachable'] },
        code: 'SERVICE_UNAVAILABLE',
        requestId: expect.any(String),
      });

      db = await startFerretdbOnPort(dataDir, port);
      const deadline = Date.now() + 20_000;
      let status = 0;
      while (Date.now() < deadline && status !== 200) {
        status = (await request(app).get('/health/ready')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
    });
  });
});

/** Restarts FerretDB on the port the driver knows, as a restarted database server would. */
async function startFerretdbOnPort(dataDir: string, port: string): Promise<EmbeddedDatabase> {
  return startFerretdb({
    dataDir,
    cacheDir,
    log: () => undefined,
    listenAddr: `127.0.0.1:${port}`,
  });
}
