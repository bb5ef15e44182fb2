/**
 * Uploads, the same tests for both storage drivers: local disk and GridFS. After every
 * refused upload, the storage itself is inspected for leftovers. Downloads: downloads.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { StoredFile, User } from '../../src/models';
import { createStorage } from '../../src/storage';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser, type TestUser } from '../helpers/factories';
import { brokenPng, exe, jpegWithExif, pdf, png } from '../helpers/files';

useTestDatabase();

const LIMITS = {
  UPLOAD_MAX_FILE_BYTES: '300000',
  UPLOAD_MAX_FILES: '3',
  UPLOAD_QUOTA_BYTES: '700000',
  AVATAR_MAX_BYTES: '200000',
  APP_URL: 'http://conduit.test',
};

describe.each(['disk', 'gridfs'] as const)('files on the %s driver', (driver) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `conduit-uploads-${driver}-`));
  const storage = createStorage({ driver, dir });
  const app = buildApp({ ...LIMITS, STORAGE_DRIVER: driver, UPLOADS_DIR: dir }, { storage });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The ids in the storage, before and after `action`: nothing new may stay behind. */
  async function leavesNothing(action: () => Promise<unknown>) {
    await app.jobRelay.flush(); // thumbnails of earlier uploads are written by now
    const before = await storage.list();
    await action();
    await app.jobRelay.flush(); // a job for a file the request then dropped cleans up after itself
    expect(await storage.list()).toEqual(before);
  }

  const pathOf = (url: string) => new URL(url).pathname;

  describe('PUT /api/v1/user/image', () => {
    it('stores square WebP sizes without EXIF and makes the 256 px one the user’s image', async () => {
      const user = await createUser(app);
      const res = await request(app)
        .put('/api/v1/user/image')
        .set('Authorization', user.auth)
        .attach('image', await jpegWithExif(), { filename: 'me.jpg', contentType: 'image/jpeg' });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ username: user.username, token: expect.any(String) });
      expect(res.body.user.image).toMatch(/^http:\/\/conduit\.test\/api\/v1\/files\/[0-9a-f]{24}$/);

      const picture = await request(app).get(pathOf(res.body.user.image)).buffer(true);
      expect(picture.status).toBe(200);
      expect(picture.headers['content-type']).toBe('image/webp');
      const meta = await sharp(picture.body as Buffer).metadata();
      expect([meta.width, meta.height]).toEqual([256, 256]);
      expect(meta.exif).toBeUndefined(); // the copyright "secret" is gone

      const stored = await StoredFile.find({
        owner: (await User.findOne({ username: user.username }))!._id,
      }).lean();
      expect(stored.map((f) => f.width).sort((a, b) => a! - b!)).toEqual([64, 256, 512]);
    });

    it('replaces the previous picture: its files are removed', async () => {
      const user = await createUser(app);
      const upload = async () =>
        request(app)
          .put('/api/v1/user/image')
          .set('Authorization', user.auth)
          .attach('image', await png(), 'a.png')
          .expect(200);
      const first = (await upload()).body.user.image as string;
      const second = (await upload()).body.user.image as string;
      expect(second).not.toBe(first);
      await request(app).get(pathOf(first)).expect(404);
      expect(await storage.list()).not.toContain(first.split('/').pop());
      const userId = (await User.findOne({ username: user.username }))!._id;
      expect(await StoredFile.countDocuments({ owner: userId })).toBe(3);
    });

    it('refuses what is not a picture, decided by its bytes — 415, nothing stored', async () => {
      const user = await createUser(app);
      for (const [bytes, name] of [
        [exe(), 'cat.png'],
        [brokenPng(), 'broken.png'],
        [Buffer.from('just text'), 'note.png'],
      ] as const) {
        await leavesNothing(async () => {
          const res = await request(app)
            .put('/api/v1/user/image')
            .set('Authorization', user.auth)
            .attach('image', bytes, { filename: name, contentType: 'image/png' });
          expect(res.status).toBe(415);
          expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
        });
      }
      expect((await User.findOne({ username: user.username }).lean())!.image).toBeNull();
    });

    it('answers 413 over AVATAR_MAX_BYTES, 400 without a file, 415 to a JSON body, 401 anonymously', async () => {
      const user = await createUser(app);
      await leavesNothing(async () => {
        const big = await png(1500, 1500); // a noise-free PNG compresses: make one that does not
        const huge = Buffer.concat([big, Buffer.alloc(250_000)]);
        const res = await request(app)
          .put('/api/v1/user/image')
          .set('Authorization', user.auth)
          .attach('image', huge, 'big.png');
        expect(res.status).toBe(413);
      });
      const none = await request(app)
        .put('/api/v1/user/image')
        .set('Authorization', user.auth)
        .field('x', 'y');
      expect(none.status).toBe(400);
      const json = await request(app)
        .put('/api/v1/user/image')
        .set('Authorization', user.auth)
        .send({ image: 'x' });
      expect(json.status).toBe(415);
      await request(app)
        .put('/api/v1/user/image')
        .attach('image', await png(), 'a.png')
        .expect(401);
    });
  });

  describe('POST /api/v1/articles/:slug/attachments', () => {
    let author: TestUser;
    let slug: string;
    beforeAll(async () => {
      author = await createUser(app);
      slug = (await createArticle(app, author)).slug;
    });

    const attach = (user: TestUser, target = slug) =>
      request(app).post(`/api/v1/articles/${target}/attachments`).set('Authorization', user.auth);

    it('stores several files with types from their bytes, sanitized names and generated ids', async () => {
      const res = await attach(author)
        .attach('files', await png(), { filename: '../../etc/passwd', contentType: 'text/plain' })
        .attach('files', pdf(5000), { filename: 'report<1>.pdf', contentType: 'image/png' })
        .attach('files', Buffer.from('plain notes, café'), 'notes.txt');
      expect(res.status).toBe(201);
      expect(res.body.attachments).toEqual([
        {
          id: expect.stringMatching(/^[0-9a-f]{24}$/),
          name: 'passwd',
          size: expect.any(Number),
          type: 'image/png',
          url: expect.stringMatching(/^http:\/\/conduit\.test\/api\/v1\/files\//),
          thumbnailUrl: null, // made by a job, after the answer
        },
        {
          id: expect.any(String),
          name: 'report1.pdf',
          size: 5000,
          type: 'application/pdf',
          url: expect.any(String),
          thumbnailUrl: null,
        },
        {
          id: expect.any(String),
          name: 'notes.txt',
          size: 18,
          type: 'text/plain',
          url: expect.any(String),
          thumbnailUrl: null,
        },
      ]);
      const ids = res.body.attachments.map((a: { id: string }) => a.id);
      expect(await storage.list()).toEqual(expect.arrayContaining(ids));
      const listed = await request(app).get(`/api/v1/articles/${slug}/attachments`);
      expect(listed.body.attachments.map((a: { id: string }) => a.id)).toEqual(
        expect.arrayContaining(ids),
      );
    });

    it('gives an image a WebP thumbnail made by a job (not other files), removed with it', async () => {
      const res = await attach(author)
        .attach('files', await png(900, 600), 'photo.png')
        .attach('files', pdf(2000), 'paper.pdf');
      const [image, paper] = res.body.attachments as { id: string }[];
      await app.jobRelay.flush(); // without AMQP_URL the job runs in this process
      const listed = await request(app).get(`/api/v1/articles/${slug}/attachments`);
      const find = (id: string) => listed.body.attachments.find((a: { id: string }) => a.id === id);
      expect(find(paper.id).thumbnailUrl).toBeNull();
      const thumbnail = await request(app)
        .get(pathOf(find(image.id).thumbnailUrl))
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(thumbnail.headers['content-type']).toBe('image/webp');
      expect(await sharp(thumbnail.body as Buffer).metadata()).toMatchObject({
        format: 'webp',
        width: 320,
        height: 213,
      });
      const thumbnailId = pathOf(find(image.id).thumbnailUrl).split('/').pop()!;
      expect(await storage.list()).toContain(thumbnailId);

      await request(app)
        .delete(`/api/v1/articles/${slug}/attachments/${image.id}`)
        .set('Authorization', author.auth)
        .expect(204);
      expect(await storage.list()).not.toContain(thumbnailId);
      expect(await StoredFile.countDocuments({ _id: thumbnailId })).toBe(0);
    });

    it('refuses another user’s article with 403 before storing anything; 404 for an unknown one', async () => {
      const stranger = await createUser(app);
      await leavesNothing(async () => {
        expect((await attach(stranger).attach('files', await png(), 'a.png')).status).toBe(403);
      });
      expect(
        (await attach(author, 'no-such-article').attach('files', await png(), 'a.png')).status,
      ).toBe(404);
    });

    it.each([
      ['an executable renamed .png', async () => [{ bytes: exe(), name: 'photo.png' }], 415],
      ['an image that does not decode', async () => [{ bytes: brokenPng(), name: 'b.png' }], 415],
      [
        'a file over UPLOAD_MAX_FILE_BYTES',
        async () => [{ bytes: pdf(300_001), name: 'big.pdf' }],
        413,
      ],
      [
        'a good file, then a bad one',
        async () => [
          { bytes: await png(), name: 'ok.png' },
          { bytes: exe(), name: 'bad.png' },
        ],
        415,
      ],
      [
        'more than UPLOAD_MAX_FILES files',
        async () => [1, 2, 3, 4].map((n) => ({ bytes: pdf(1000), name: `${n}.pdf` })),
        400,
      ],
    ])('answers %s with %p, leaving no file behind', async (_name, make, status) => {
      await leavesNothing(async () => {
        let req = attach(author);
        for (const { bytes, name } of await make()) req = req.attach('files', bytes, name);
        const res = await req;
        expect(res.status).toBe(status);
        expect(res.body).toMatchObject({ errors: expect.any(Object), code: expect.any(String) });
      });
    });

    it('answers 400 to an unknown field, no file at all, or a truncated body — nothing stored', async () => {
      await leavesNothing(async () => {
        expect((await attach(author).attach('other', await png(), 'a.png')).status).toBe(400);
        expect((await attach(author).field('note', 'hello')).status).toBe(400);
        const truncated = await attach(author)
          .set('Content-Type', 'multipart/form-data; boundary=XyZ')
          .send(
            '--XyZ\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 and then the connection...',
          );
        expect(truncated.status).toBe(400);
      });
    });

    it('answers 413 QUOTA_EXCEEDED past UPLOAD_QUOTA_BYTES, and stores nothing of that file', async () => {
      const user = await createUser(app);
      const { slug: own } = await createArticle(app, user);
      const send = () => attach(user, own).attach('files', pdf(290_000), 'part.pdf');
      expect((await send()).status).toBe(201);
      expect((await send()).status).toBe(201);
      await leavesNothing(async () => {
        const over = await send();
        expect(over.status).toBe(413);
        expect(over.body.code).toBe('QUOTA_EXCEEDED');
      });
    });
  });

  describe('DELETE /api/v1/articles/:slug (and its attachments)', () => {
    it('removes an attachment on request (author only), and all of them with the article', async () => {
      const [author, stranger] = await Promise.all([createUser(app), createUser(app)]);
      const { slug } = await createArticle(app, author);
      const res = await request(app)
        .post(`/api/v1/articles/${slug}/attachments`)
        .set('Authorization', author.auth)
        .attach('files', pdf(1000), 'a.pdf')
        .attach('files', pdf(1000), 'b.pdf');
      const [a, b] = res.body.attachments as { id: string }[];
      await request(app)
        .delete(`/api/v1/articles/${slug}/attachments/${a.id}`)
        .set('Authorization', stranger.auth)
        .expect(403);
      await request(app)
        .delete(`/api/v1/articles/${slug}/attachments/${a.id}`)
        .set('Authorization', author.auth)
        .expect(204);
      await request(app)
        .delete(`/api/v1/articles/${slug}/attachments/${a.id}`)
        .set('Authorization', author.auth)
        .expect(404);
      expect(await storage.list()).not.toContain(a.id);

      await request(app)
        .delete(`/api/v1/articles/${slug}`)
        .set('Authorization', author.auth)
        .expect(204);
      await app.events.settled();
      expect(await storage.list()).not.toContain(b.id);
      expect(await StoredFile.countDocuments({ _id: b.id })).toBe(0);
    });
  });
});
