import request from 'supertest';
import { AuditLog, User, type Role } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser, unique, type TestUser } from '../helpers/factories';

useTestDatabase();
const app = buildApp();

/** A user with a role; the token is refreshed since roles are read per request anyway. */
async function userWithRole(role: Role): Promise<TestUser> {
  const user = await createUser(app);
  await User.updateOne({ username: user.username }, { $set: { role } });
  return user;
}

describe('RBAC matrix: who may do what', () => {
  const cases: [string, (u: TestUser, target: TestUser) => request.Test, Record<Role, number>][] = [
    [
      'list users',
      (u) => request(app).get('/api/v1/admin/users').set('Authorization', u.auth),
      { user: 403, moderator: 403, admin: 200 },
    ],
    [
      'read the audit log',
      (u) => request(app).get('/api/v1/admin/audit-log').set('Authorization', u.auth),
      { user: 403, moderator: 403, admin: 200 },
    ],
    [
      'change a role',
      (u, t) =>
        request(app)
          .put(`/api/v1/admin/users/${t.username}/role`)
          .set('Authorization', u.auth)
          .send({ role: 'moderator' }),
      { user: 403, moderator: 403, admin: 200 },
    ],
    [
      'ban',
      (u, t) =>
        request(app).post(`/api/v1/admin/users/${t.username}/ban`).set('Authorization', u.auth),
      { user: 403, moderator: 403, admin: 200 },
    ],
    [
      'unban',
      (u, t) =>
        request(app).delete(`/api/v1/admin/users/${t.username}/ban`).set('Authorization', u.auth),
      { user: 403, moderator: 403, admin: 200 },
    ],
  ];

  for (const [action, send, expected] of cases) {
    for (const role of ['user', 'moderator', 'admin'] as Role[]) {
      it(`${role} → ${action}: ${expected[role]}`, async () => {
        const [actor, target] = await Promise.all([userWithRole(role), createUser(app)]);
        expect((await send(actor, target)).status).toBe(expected[role]);
      });
    }
  }

  it.each([
    ['user', 403],
    ['moderator', 204],
    ['admin', 204],
  ] as [Role, number][])('%s deleting someone else’s article → %i', async (role, status) => {
    const [actor, author] = await Promise.all([userWithRole(role), createUser(app)]);
    const article = await createArticle(app, author);
    expect(
      (
        await request(app)
          .delete(`/api/v1/articles/${article.slug}`)
          .set('Authorization', actor.auth)
      ).status,
    ).toBe(status);
  });

  it.each([
    ['user', 403],
    ['moderator', 204],
  ] as [Role, number][])('%s deleting someone else’s comment → %i', async (role, status) => {
    const [actor, author] = await Promise.all([userWithRole(role), createUser(app)]);
    const article = await createArticle(app, author);
    const { id } = (
      await request(app)
        .post(`/api/v1/articles/${article.slug}/comments`)
        .set('Authorization', author.auth)
        .send({ comment: { body: 'mine' } })
    ).body.comment;
    expect(
      (
        await request(app)
          .delete(`/api/v1/articles/${article.slug}/comments/${id}`)
          .set('Authorization', actor.auth)
      ).status,
    ).toBe(status);
  });

  it.each(['moderator', 'admin'] as Role[])(
    '%s still cannot edit someone else’s article',
    async (role) => {
      const [actor, author] = await Promise.all([userWithRole(role), createUser(app)]);
      const article = await createArticle(app, author);
      await request(app)
        .put(`/api/v1/articles/${article.slug}`)
        .set('Authorization', actor.auth)
        .send({ article: { body: 'x' } })
        .expect(403);
    },
  );

  it('a user cannot change someone else’s data through their own endpoints', async () => {
    const [mallory, victim] = await Promise.all([createUser(app), createUser(app)]);
    // PUT /user always means "me": a username in the body renames the caller (and is taken here)
    await request(app)
      .put('/api/v1/user')
      .set('Authorization', mallory.auth)
      .send({ user: { username: victim.username } })
      .expect(422);
    expect(await User.countDocuments({ username: victim.username })).toBe(1);
  });
});

describe('GET /api/v1/admin/users', () => {
  it('paginates, filters by role and status, and sorts', async () => {
    const admin = await userWithRole('admin');
    const tag = unique('mod');
    const mods = [];
    for (const n of ['b', 'a', 'c']) {
      const u = await createUser(app, { username: `${tag}${n}` });
      await User.updateOne({ username: u.username }, { $set: { role: 'moderator' } });
      mods.push(u);
    }
    const res = await request(app)
      .get('/api/v1/admin/users?role=moderator&sort=username&limit=2')
      .set('Authorization', admin.auth);
    expect(res.status).toBe(200);
    expect(res.body.usersCount).toBeGreaterThanOrEqual(3);
    expect(res.body.users).toHaveLength(2);
    expect(res.body.users.every((u: { role: string }) => u.role === 'moderator')).toBe(true);
    const names = res.body.users.map((u: { username: string }) => u.username);
    expect([...names].sort()).toEqual(names);
    expect(res.body.users[0]).toEqual({
      username: expect.any(String),
      email: expect.any(String),
      role: 'moderator',
      status: 'active',
      emailVerified: false,
      createdAt: expect.any(String),
    });
    const banned = await request(app)
      .get('/api/v1/admin/users?status=banned')
      .set('Authorization', admin.auth);
    expect(banned.body.users.every((u: { status: string }) => u.status === 'banned')).toBe(true);
  });

  it('answers 422 to an unknown role, status or sort', async () => {
    const admin = await userWithRole('admin');
    const res = await request(app)
      .get('/api/v1/admin/users?role=god&status=x&sort=password')
      .set('Authorization', admin.auth);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['role', 'sort', 'status']);
  });
});

describe('PUT /api/v1/admin/users/:username/role', () => {
  it('changes the role and records who, what, target and request id in the audit log', async () => {
    const [admin, target] = await Promise.all([userWithRole('admin'), createUser(app)]);
    const res = await request(app)
      .put(`/api/v1/admin/users/${target.username}/role`)
      .set('Authorization', admin.auth)
      .set('X-Request-Id', 'audit-me-1')
      .send({ role: 'moderator' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: target.username, role: 'moderator' });
    expect((await User.findOne({ username: target.username }).lean())!.role).toBe('moderator');
    const entry = await AuditLog.findOne({ target: target.username }).lean();
    expect(entry).toMatchObject({
      actorUsername: admin.username,
      action: 'user.role.change',
      requestId: 'audit-me-1',
      details: { from: 'user', to: 'moderator' },
    });

    const log = await request(app)
      .get('/api/v1/admin/audit-log?limit=100')
      .set('Authorization', admin.auth);
    expect(log.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: admin.username,
          target: target.username,
          requestId: 'audit-me-1',
        }),
      ]),
    );
  });

  it('refuses to change your own role (no self-promotion, no self-demotion)', async () => {
    const admin = await userWithRole('admin');
    const res = await request(app)
      .put(`/api/v1/admin/users/${admin.username}/role`)
      .set('Authorization', admin.auth)
      .send({ role: 'user' });
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual({ role: ['you cannot change your own role'] });
  });

  it('never demotes the last admin', async () => {
    const [first, second] = await Promise.all([userWithRole('admin'), userWithRole('admin')]);
    // make `second` the only admin left
    await User.updateMany(
      { role: 'admin', username: { $ne: second.username } },
      { $set: { role: 'moderator' } },
    );
    await User.updateOne({ username: first.username }, { $set: { role: 'admin' } });
    await request(app)
      .put(`/api/v1/admin/users/${second.username}/role`)
      .set('Authorization', first.auth)
      .send({ role: 'user' })
      .expect(200);
    // now `first` is the last admin; a former admin with a stale token cannot demote them
    const res = await request(app)
      .put(`/api/v1/admin/users/${first.username}/role`)
      .set('Authorization', second.auth)
      .send({ role: 'user' });
    expect(res.status).toBe(403);
    expect((await User.findOne({ username: first.username }).lean())!.role).toBe('admin');
  });

  it('keeps the last admin even when a stale admin session tries to demote them (service guard)', async () => {
    const last = await userWithRole('admin');
    await User.updateMany(
      { role: 'admin', username: { $ne: last.username } },
      { $set: { role: 'moderator' } },
    );
    const formerAdmin = await createUser(app);
    const formerId = (await User.findOne({
      username: formerAdmin.username,
    }).lean())!._id.toString();
    // As if its admin role had been read before it was taken away (a race the database cannot lock).
    await expect(
      app.services.admin.changeRole({ id: formerId, role: 'admin' }, last.username, 'user'),
    ).rejects.toMatchObject({
      status: 422,
      errors: { role: ['the last admin cannot be demoted'] },
    });
    expect((await User.findOne({ username: last.username }).lean())!.role).toBe('admin');
  });

  it('leaves at least one admin when the last two demote each other at the same time', async () => {
    const [a, b] = await Promise.all([userWithRole('admin'), userWithRole('admin')]);
    await User.updateMany(
      { role: 'admin', username: { $nin: [a.username, b.username] } },
      { $set: { role: 'moderator' } },
    );
    const demote = (actor: TestUser, target: TestUser) =>
      request(app)
        .put(`/api/v1/admin/users/${target.username}/role`)
        .set('Authorization', actor.auth)
        .send({ role: 'user' });
    const statuses = (await Promise.all([demote(a, b), demote(b, a)])).map((r) => r.status);
    expect(statuses).not.toEqual([200, 200]);
    expect(await User.countDocuments({ role: 'admin' })).toBeGreaterThanOrEqual(1);
  });

  it('answers 422 to an unknown role and 404 to an unknown user', async () => {
    const admin = await userWithRole('admin');
    await request(app)
      .put(`/api/v1/admin/users/${admin.username}x/role`)
      .set('Authorization', admin.auth)
      .send({ role: 'superuser' })
      .expect(422);
    await request(app)
      .put(`/api/v1/admin/users/${unique('ghost')}/role`)
      .set('Authorization', admin.auth)
      .send({ role: 'user' })
      .expect(404);
  });
});

describe('POST and DELETE /api/v1/admin/users/:username/ban', () => {
  it('a banned user loses every token and cannot log in; unbanned, they can again', async () => {
    const [admin, target] = await Promise.all([userWithRole('admin'), createUser(app)]);
    const session = (
      await request(app)
        .post('/api/v1/auth/login')
        .send({ user: { email: target.email, password: target.password } })
    ).body;

    const ban = await request(app)
      .post(`/api/v1/admin/users/${target.username}/ban`)
      .set('Authorization', admin.auth);
    expect(ban.status).toBe(200);
    expect(ban.body.user.status).toBe('banned');

    expect((await request(app).get('/api/v1/user').set('Authorization', target.auth)).status).toBe(
      403,
    );
    await request(app)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(401);
    const login = await request(app)
      .post('/api/v1/users/login')
      .send({ user: { email: target.email, password: target.password } });
    expect(login.status).toBe(403);
    expect(login.body.errors).toEqual({ user: ['this account is banned'] });

    await request(app)
      .delete(`/api/v1/admin/users/${target.username}/ban`)
      .set('Authorization', admin.auth)
      .expect(200);
    await request(app)
      .post('/api/v1/users/login')
      .send({ user: { email: target.email, password: target.password } })
      .expect(200);
    const actions = (await AuditLog.find({ target: target.username }).lean())
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual(['user.ban', 'user.unban']);
  });

  it('refuses to ban yourself or an admin', async () => {
    const [admin, other] = await Promise.all([userWithRole('admin'), userWithRole('admin')]);
    await request(app)
      .post(`/api/v1/admin/users/${admin.username}/ban`)
      .set('Authorization', admin.auth)
      .expect(403);
    await request(app)
      .post(`/api/v1/admin/users/${other.username}/ban`)
      .set('Authorization', admin.auth)
      .expect(403);
  });
});

describe('mass assignment', () => {
  it('no request sets its own role, status, verification flag or token version', async () => {
    const user = await createUser(app);
    await request(app)
      .put('/api/v1/user')
      .set('Authorization', user.auth)
      .send({
        user: { bio: 'b', role: 'admin', status: 'active', emailVerified: true, tokenVersion: 99 },
      })
      .expect(200);
    const stored = await User.findOne({ username: user.username }).lean();
    expect(stored).toMatchObject({ role: 'user', emailVerified: false, tokenVersion: 0 });
  });
});
