import request from 'supertest';
import { Follow, User } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createUser, follow, unique } from '../helpers/factories';
import { errorBody } from '../helpers/shapes';

useTestDatabase();
const app = buildApp();

async function followCount(followerName: string, followeeName: string) {
  const [follower, followee] = await Promise.all([
    User.findOne({ username: followerName }).lean(),
    User.findOne({ username: followeeName }).lean(),
  ]);
  return Follow.countDocuments({ follower: follower!._id, followee: followee!._id });
}

describe('GET /api/v1/profiles/:username', () => {
  it('returns the profile with following false to anonymous callers', async () => {
    const celeb = await createUser(app);
    const res = await request(app).get(`/api/v1/profiles/${celeb.username}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      profile: { username: celeb.username, bio: null, image: null, following: false },
    });
  });

  it('tells a signed-in caller whether they follow the user', async () => {
    const [celeb, reader] = await Promise.all([createUser(app), createUser(app)]);
    await follow(app, reader, celeb.username);
    const res = await request(app)
      .get(`/api/v1/profiles/${celeb.username}`)
      .set('Authorization', reader.auth);
    expect(res.body.profile.following).toBe(true);
  });

  it('answers 404 for an unknown username', async () => {
    const res = await request(app).get(`/api/v1/profiles/${unique('ghost')}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(errorBody({ profile: ['not found'] }, 'NOT_FOUND'));
  });
});

describe('POST /api/v1/profiles/:username/follow', () => {
  it('follows: 200 with following true, one stored follow', async () => {
    const [celeb, reader] = await Promise.all([createUser(app), createUser(app)]);
    const res = await request(app)
      .post(`/api/v1/profiles/${celeb.username}/follow`)
      .set('Authorization', reader.auth);
    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual({
      username: celeb.username,
      bio: null,
      image: null,
      following: true,
    });
    expect(await followCount(reader.username, celeb.username)).toBe(1);
  });

  it('is idempotent, also under concurrent requests', async () => {
    const [celeb, reader] = await Promise.all([createUser(app), createUser(app)]);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        request(app)
          .post(`/api/v1/profiles/${celeb.username}/follow`)
          .set('Authorization', reader.auth),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(await followCount(reader.username, celeb.username)).toBe(1);
  });

  it('answers 422 to following yourself', async () => {
    const me = await createUser(app);
    const res = await request(app)
      .post(`/api/v1/profiles/${me.username}/follow`)
      .set('Authorization', me.auth);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ username: ['cannot follow yourself'] });
  });

  it('answers 404 for an unknown user and 401 without a token', async () => {
    const reader = await createUser(app);
    expect(
      (
        await request(app)
          .post(`/api/v1/profiles/${unique('ghost')}/follow`)
          .set('Authorization', reader.auth)
      ).status,
    ).toBe(404);
    expect((await request(app).post(`/api/v1/profiles/${reader.username}/follow`)).status).toBe(
      401,
    );
  });
});

describe('DELETE /api/v1/profiles/:username/follow', () => {
  it('unfollows: 200 with following false, the follow removed; again is harmless', async () => {
    const [celeb, reader] = await Promise.all([createUser(app), createUser(app)]);
    await follow(app, reader, celeb.username);
    for (let i = 0; i < 2; i += 1) {
      const res = await request(app)
        .delete(`/api/v1/profiles/${celeb.username}/follow`)
        .set('Authorization', reader.auth);
      expect(res.status).toBe(200);
      expect(res.body.profile.following).toBe(false);
    }
    expect(await followCount(reader.username, celeb.username)).toBe(0);
  });

  it('answers 401 without a token and 404 for an unknown user', async () => {
    const reader = await createUser(app);
    expect((await request(app).delete(`/api/v1/profiles/${reader.username}/follow`)).status).toBe(
      401,
    );
    expect(
      (
        await request(app)
          .delete(`/api/v1/profiles/${unique('ghost')}/follow`)
          .set('Authorization', reader.auth)
      ).status,
    ).toBe(404);
  });
});
