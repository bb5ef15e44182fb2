import request from 'supertest';
import { Notification, User } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser, follow, type TestUser } from '../helpers/factories';
import { operationsDuring } from '../helpers/operations';
import { errorBody, ISO_DATE } from '../helpers/shapes';

useTestDatabase();
const app = buildApp();

/** The inbox once every side effect of the requests so far has run. */
async function inbox(user: TestUser, query = '') {
  await app.events.settled();
  return request(app).get(`/api/v1/notifications${query}`).set('Authorization', user.auth);
}

async function favorite(user: TestUser, slug: string) {
  await request(app)
    .post(`/api/v1/articles/${slug}/favorite`)
    .set('Authorization', user.auth)
    .expect(200);
}

async function comment(user: TestUser, slug: string, body: string) {
  const res = await request(app)
    .post(`/api/v1/articles/${slug}/comments`)
    .set('Authorization', user.auth)
    .send({ comment: { body } })
    .expect(201);
  return res.body.comment as { id: string };
}

const storedFor = async (user: TestUser) => {
  const { _id } = (await User.findOne({ username: user.username }).lean())!;
  return Notification.find({ recipient: _id }).sort({ createdAt: 1 }).lean();
};

describe('GET /api/v1/notifications', () => {
  it('lists a follow, a favorite and a comment on your article, newest first, with actor and article', async () => {
    const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
    const article = await createArticle(app, author, { title: 'Notified title' });
    await follow(app, reader, author.username);
    await favorite(reader, article.slug);
    const posted = await comment(reader, article.slug, 'Nice one');

    const res = await inbox(author);
    expect(res.status).toBe(200);
    const actor = { username: reader.username, bio: null, image: null };
    const ref = { slug: article.slug, title: 'Notified title' };
    expect(res.body).toEqual({
      notifications: [
        {
          id: expect.stringMatching(/^[0-9a-f]{24}$/),
          type: 'comment',
          read: false,
          createdAt: expect.stringMatching(ISO_DATE),
          actor,
          article: ref,
          comment: { id: posted.id, body: 'Nice one' },
        },
        expect.objectContaining({ type: 'favorite', actor, article: ref, comment: null }),
        expect.objectContaining({ type: 'follow', actor, article: null, comment: null }),
      ],
      notificationsCount: 3,
      unreadCount: 3,
    });
    expect((await storedFor(author)).map((n) => [n.type, n.read])).toEqual([
      ['follow', false],
      ['favorite', false],
      ['comment', false],
    ]);
  });

  it('raises none for your own actions, nor for a repeated follow or favorite', async () => {
    const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
    const article = await createArticle(app, author);
    await favorite(author, article.slug);
    await comment(author, article.slug, 'Replying to myself');
    await follow(app, reader, author.username);
    await follow(app, reader, author.username);
    await favorite(reader, article.slug);
    await favorite(reader, article.slug);

    const res = await inbox(author);
    expect(res.body.notifications.map((n: { type: string }) => n.type)).toEqual([
      'favorite',
      'follow',
    ]);
    expect(await storedFor(author)).toHaveLength(2);
  });

  it('notifies the author once per reader when many favorite at once, in fewer inserts than notifications', async () => {
    const author = await createUser(app);
    const readers = await Promise.all(Array.from({ length: 8 }, () => createUser(app)));
    const article = await createArticle(app, author);

    const operations = await operationsDuring(async () => {
      await Promise.all(readers.map((reader) => favorite(reader, article.slug)));
      await app.events.settled();
    });

    const inserts = operations.filter((op) => op.name === 'notifications.insertMany');
    expect(inserts.length).toBeGreaterThan(0);
    expect(inserts.length).toBeLessThan(readers.length);
    const stored = await storedFor(author);
    expect(stored).toHaveLength(readers.length);
    const actors = await User.find({ _id: { $in: stored.map((n) => n.actor) } }).lean();
    expect(actors.map((u) => u.username).sort()).toEqual(readers.map((f) => f.username).sort());
    const res = await inbox(author);
    expect(res.body.notificationsCount).toBe(readers.length);
  });

  it('pages with limit and offset, filters with unread=true, and counts all of them', async () => {
    const author = await createUser(app);
    const readers = await Promise.all([1, 2, 3].map(() => createUser(app)));
    for (const reader of readers) await follow(app, reader, author.username);
    const all = (await inbox(author)).body.notifications as { id: string }[];
    await request(app)
      .patch(`/api/v1/notifications/${all[0].id}`)
      .set('Authorization', author.auth)
      .send({ read: true })
      .expect(200);

    const page = await inbox(author, '?limit=1&offset=1');
    expect(page.body.notifications.map((n: { id: string }) => n.id)).toEqual([all[1].id]);
    expect(page.body).toMatchObject({ notificationsCount: 3, unreadCount: 2 });
    const unread = await inbox(author, '?unread=true');
    expect(unread.body.notifications.map((n: { id: string }) => n.id)).toEqual([
      all[1].id,
      all[2].id,
    ]);
    expect(unread.body).toMatchObject({ notificationsCount: 2, unreadCount: 2 });
  });

  it('keeps a notification whose article was deleted since, with article null', async () => {
    const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
    const article = await createArticle(app, author);
    await favorite(reader, article.slug);
    await request(app)
      .delete(`/api/v1/articles/${article.slug}`)
      .set('Authorization', author.auth)
      .expect(204);
    const res = await inbox(author);
    expect(res.body.notifications).toEqual([
      expect.objectContaining({ type: 'favorite', article: null }),
    ]);
  });

  it('answers 401 without a token and 422 to a bad page', async () => {
    await request(app).get('/api/v1/notifications').expect(401);
    const user = await createUser(app);
    const res = await inbox(user, '?limit=0&unread=maybe');
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['limit', 'unread']);
  });
});

describe('PATCH /api/v1/notifications/:id', () => {
  async function oneNotification() {
    const [author, reader] = await Promise.all([createUser(app), createUser(app)]);
    await follow(app, reader, author.username);
    const [notification] = (await inbox(author)).body.notifications as { id: string }[];
    return { author, reader, id: notification.id };
  }
  const patch = (user: TestUser, id: string, body: object) =>
    request(app).patch(`/api/v1/notifications/${id}`).set('Authorization', user.auth).send(body);

  it('marks it read, then unread again: only the fields sent change', async () => {
    const { author, id } = await oneNotification();
    const read = await patch(author, id, { read: true });
    expect(read.status).toBe(200);
    expect(read.body.notification).toMatchObject({ id, type: 'follow', read: true });
    expect((await Notification.findById(id).lean())!.read).toBe(true);

    const unchanged = await patch(author, id, {});
    expect(unchanged.body.notification).toMatchObject({ id, read: true });
    await patch(author, id, { read: false }).expect(200);
    expect((await Notification.findById(id).lean())!.read).toBe(false);
    expect((await inbox(author)).body.unreadCount).toBe(1);
  });

  it("answers 404 for another user's notification, an unknown or a malformed id", async () => {
    const { reader, id } = await oneNotification();
    const res = await patch(reader, id, { read: true });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(errorBody({ notification: ['not found'] }, 'NOT_FOUND'));
    expect((await Notification.findById(id).lean())!.read).toBe(false);
    await patch(reader, '0123456789abcdef01234567', { read: true }).expect(404);
    await patch(reader, 'not-an-id', { read: true }).expect(404);
  });

  it('answers 422 when read is not a boolean', async () => {
    const { author, id } = await oneNotification();
    const res = await patch(author, id, { read: 'yes' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ read: ['must be a boolean'] });
    await request(app).patch(`/api/v1/notifications/${id}`).send({ read: true }).expect(401);
  });
});

describe('PATCH /api/v1/notifications', () => {
  it('marks every unread notification read and says how many changed', async () => {
    const author = await createUser(app);
    const readers = await Promise.all([1, 2].map(() => createUser(app)));
    for (const reader of readers) await follow(app, reader, author.username);
    await app.events.settled();

    const res = await request(app)
      .patch('/api/v1/notifications')
      .set('Authorization', author.auth)
      .send({ read: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updated: 2, unreadCount: 0 });
    expect((await storedFor(author)).every((n) => n.read)).toBe(true);

    const again = await request(app)
      .patch('/api/v1/notifications')
      .set('Authorization', author.auth);
    expect(again.body).toEqual({ updated: 0, unreadCount: 0 });
  });

  it('answers 422 to read: false (use PATCH /notifications/:id to mark one unread)', async () => {
    const user = await createUser(app);
    await request(app)
      .patch('/api/v1/notifications')
      .set('Authorization', user.auth)
      .send({ read: false })
      .expect(422);
  });
});
