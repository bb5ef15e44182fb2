/**
 * Downloads, the same tests for both storage drivers (local disk and GridFS): RFC 9110's
 * range and conditional requests, one test per rule, and streams released on hang-up.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import request from 'supertest';
import { createStorage, type FileStorage } from '../../src/storage';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser } from '../helpers/factories';
import { pdf } from '../helpers/files';

useTestDatabase();

describe.each(['disk', 'gridfs'] as const)('downloads on the %s driver', (driver) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `conduit-downloads-${driver}-`));
  const storage = createStorage({ driver, dir });
  // Every stream the app opens to read a file, to see that each is released.
  const opened: Readable[] = [];
  const tracked: FileStorage = {
    ...storage,
    read(id, range) {
      const stream = storage.read(id, range);
      opened.push(stream);
      return stream;
    },
  };
  const app = buildApp(
    { UPLOAD_MAX_FILE_BYTES: '300000', STORAGE_DRIVER: driver, UPLOADS_DIR: dir },
    { storage: tracked },
  );
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('GET /api/v1/files/:id', () => {
    let file: { id: string; size: number };
    let bytes: Buffer;
    beforeAll(async () => {
      const author = await createUser(app);
      const { slug } = await createArticle(app, author);
      bytes = pdf(200_000);
      const res = await request(app)
        .post(`/api/v1/articles/${slug}/attachments`)
        .set('Authorization', author.auth)
        .attach('files', bytes, 'Ünïcode "report".pdf');
      file = res.body.attachments[0];
    });
    const get = () => request(app).get(`/api/v1/files/${file.id}`).buffer(true);

    it('streams the file with its type, length, validators, nosniff and a safe Content-Disposition', async () => {
      const res = await get();
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      expect(res.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-length': '200000',
        'accept-ranges': 'bytes',
        'x-content-type-options': 'nosniff',
        etag: expect.stringMatching(/^"[0-9a-f]{64}"$/),
        'last-modified': expect.any(String),
      });
      // The client's name, sanitized (no quotes), and encoded as RFC 6266 says.
      expect(res.headers['content-disposition']).toBe('attachment; filename="Ünïcode report.pdf"');
    });

    it('answers a Range with 206 and the bytes asked for; an unsatisfiable one with 416', async () => {
      const part = await get().set('Range', 'bytes=100-199');
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe('bytes 100-199/200000');
      expect(Buffer.compare(part.body as Buffer, bytes.subarray(100, 200))).toBe(0);
      const tail = await get().set('Range', 'bytes=-10');
      expect(Buffer.compare(tail.body as Buffer, bytes.subarray(-10))).toBe(0);
      const outside = await get().set('Range', 'bytes=300000-');
      expect(outside.status).toBe(416);
      expect(outside.headers['content-range']).toBe('bytes */200000');
      expect(outside.body.code).toBe('RANGE_NOT_SATISFIABLE');
    });

    it('answers 304 to If-None-Match and If-Modified-Since, even with Cache-Control: no-cache', async () => {
      const { headers } = await get();
      const etagHit = await get()
        .set('If-None-Match', headers.etag)
        .set('Cache-Control', 'no-cache');
      expect(etagHit.status).toBe(304);
      const dateHit = await get().set('If-Modified-Since', headers['last-modified']);
      expect(dateHit.status).toBe(304);
      expect((await get().set('If-None-Match', '"other"')).status).toBe(200);
    });

    it('ignores the Range when If-Range names another version: 200 with the whole file', async () => {
      const { headers } = await get();
      const stale = [
        '"0000000000000000000000000000000000000000000000000000000000000000"',
        `W/${headers.etag}`, // a weak ETag never validates a range
        'Tue, 01 Jan 2019 00:00:00 GMT',
      ];
      for (const ifRange of stale) {
        const res = await get().set('Range', 'bytes=0-99').set('If-Range', ifRange);
        expect(res.status).toBe(200);
        expect(res.headers['content-range']).toBeUndefined();
        expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      }
      for (const current of [headers.etag, headers['last-modified']]) {
        const res = await get().set('Range', 'bytes=0-99').set('If-Range', current);
        expect(res.status).toBe(206);
        expect(res.headers['content-range']).toBe('bytes 0-99/200000');
      }
    });

    it('ignores a Range in another unit than bytes, or on HEAD: 200 with the whole length', async () => {
      const items = await get().set('Range', 'items=0-5');
      expect(items.status).toBe(200);
      expect(items.headers['content-range']).toBeUndefined();
      expect(Buffer.compare(items.body as Buffer, bytes)).toBe(0);
      const head = await request(app).head(`/api/v1/files/${file.id}`).set('Range', 'bytes=0-5');
      expect(head.status).toBe(200);
      expect(head.headers['content-range']).toBeUndefined();
      expect(head.headers['content-length']).toBe('200000');
    });

    it('answers 412 to If-Match without the current ETag and to If-Unmodified-Since before the file', async () => {
      const { headers } = await get();
      const failed = [
        ['If-Match', '"nope"'],
        ['If-Match', `W/${headers.etag}`], // If-Match compares strongly
        ['If-Unmodified-Since', 'Tue, 01 Jan 2019 00:00:00 GMT'],
      ];
      for (const [name, value] of failed) {
        for (const range of [undefined, 'bytes=0-99']) {
          const req = get().set(name, value);
          const res = await (range ? req.set('Range', range) : req);
          expect(res.status).toBe(412);
          expect(res.body).toMatchObject({
            code: 'PRECONDITION_FAILED',
            requestId: expect.any(String),
          });
        }
      }
      const held = [
        ['If-Match', headers.etag],
        ['If-Match', `"other", ${headers.etag}`],
        ['If-Match', '*'],
        ['If-Unmodified-Since', headers['last-modified']],
      ];
      for (const [name, value] of held) expect((await get().set(name, value)).status).toBe(200);
    });

    it('evaluates If-None-Match before the Range: the current ETag and an unsatisfiable range get 304', async () => {
      const { headers } = await get();
      const res = await get().set('If-None-Match', headers.etag).set('Range', 'bytes=300000-');
      expect(res.status).toBe(304);
    });

    it('answers 304 with the validators and caching headers, and no content headers', async () => {
      const { headers } = await get();
      const res = await get().set('If-None-Match', headers.etag);
      expect(res.status).toBe(304);
      expect(res.headers).toMatchObject({
        etag: headers.etag,
        'last-modified': headers['last-modified'],
        'cache-control': 'public, max-age=31536000, immutable',
      });
      for (const name of ['content-type', 'content-disposition', 'content-length', 'content-range'])
        expect(res.headers[name]).toBeUndefined();
    });

    it('answers 404 to unknown and malformed ids', async () => {
      await request(app).get('/api/v1/files/0123456789abcdef01234567').expect(404);
      await request(app).get('/api/v1/files/..%2F..%2Fetc%2Fpasswd').expect(404);
    });

    it('releases the file handle or GridFS cursor when the client hangs up mid-file', async () => {
      const server = http.createServer(app).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const { port } = server.address() as AddressInfo;
      const before = opened.length;
      await new Promise<void>((resolve) => {
        const req = http.get(
          { port, path: `/api/v1/files/${file.id}`, headers: { Range: 'bytes=0-' } },
          (res) => {
            res.once('data', () => {
              req.destroy(); // gone after the first chunk
              resolve();
            });
          },
        );
      });
      const stream = opened[before];
      for (let i = 0; i < 50 && !stream.destroyed; i += 1)
        await new Promise((r) => setTimeout(r, 20));
      expect(stream.destroyed).toBe(true);
      if (driver === 'disk') {
        const fds = fs.readdirSync('/proc/self/fd').map((fd) => {
          try {
            return fs.readlinkSync(`/proc/self/fd/${fd}`);
          } catch {
            return '';
          }
        });
        expect(fds.filter((target) => target.endsWith(file.id))).toEqual([]);
      }
      server.close();
    });
  });
});
