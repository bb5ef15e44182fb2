import jwt from 'jsonwebtoken';
import request from 'supertest';
import { User } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createUser, unique } from '../helpers/factories';
import { errorBody } from '../helpers/shapes';

useTestDatabase();
const app = buildApp();

describe('POST /api/v1/users', () => {
  it('registers a user: 201 with the user shape and a JWT, stores a bcrypt hash', async () => {
    const username = unique('jake');
    const res = await request(app)
      .post('/api/v1/users')
      .send({
        user: { username, email: `${username}@Example.COM`, password: 'jake-rides-dragons' },
      });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: {
        email: `${username}@example.com`,
        token: expect.any(String),
        username,
        bio: null,
        image: null,
      },
    });
    const payload = jwt.decode(res.body.user.token) as jwt.JwtPayload;
    const stored = await User.findOne({ username }).select('+passwordHash').lean();
    expect(payload.sub).toBe(stored!._id.toString());
    expect(stored!.email).toBe(`${username}@example.com`);
    expect(stored!.passwordHash).toMatch(/^\$2[aby]\$04\$.{53}$/);
    expect(stored!.role).toBe('user');
  });

  it('answers 422 naming each taken field (email matched case-insensitively)', async () => {
    const existing = await createUser(app);
    const res = await request(app)
      .post('/api/v1/users')
      .send({
        user: {
          username: existing.username,
          email: existing.email.toUpperCase(),
          password: 'whatever-it-takes-42',
        },
      });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(
      errorBody(
        { username: ['is already taken'], email: ['is already taken'] },
        'VALIDATION_FAILED',
      ),
    );
  });

  it('keeps exactly one user when the same registration races itself', async () => {
    const username = unique('racer');
    const send = () =>
      request(app)
        .post('/api/v1/users')
        .send({ user: { username, email: `${username}@example.com`, password: 'racer-password' } });
    const statuses = (await Promise.all([send(), send(), send()])).map((r) => r.status).sort();
    expect(statuses[0]).toBe(201);
    expect(statuses.slice(1)).toEqual([422, 422]);
    expect(await User.countDocuments({ username })).toBe(1);
  });

  it('answers 422 with per-field messages for missing and invalid fields', async () => {
    const res = await request(app)
      .post('/api/v1/users')
      .send({ user: { username: 'ok', email: 'not-an-email' } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      email: ['must be a valid email'],
      password: ['is required'],
    });
  });

  it('answers 422 when the user object is missing', async () => {
    const res = await request(app).post('/api/v1/users').send({});
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ user: ['is required'] });
  });

  it('rejects operator objects instead of passing them to the database', async () => {
    const res = await request(app)
      .post('/api/v1/users')
      .send({ user: { username: { $gt: '' }, email: 'a@b.co', password: 'longenough' } });
    expect(res.status).toBe(422);
    expect(res.body.errors.username).toEqual(['must be a string']);
  });

  it('ignores fields a client must not set, such as role', async () => {
    const username = unique('sneaky');
    await request(app)
      .post('/api/v1/users')
      .send({
        user: {
          username,
          email: `${username}@example.com`,
          password: 'long-enough-passphrase',
          role: 'admin',
        },
      })
      .expect(201);
    expect((await User.findOne({ username }).lean())!.role).toBe('user');
  });
});

describe('POST /api/v1/users: password strength', () => {
  it.each(['11111111', 'password123', 'qwertyuiop'])(
    'refuses the easily guessed password %s with 422 and advice',
    async (password) => {
      const username = unique('weak');
      const res = await request(app)
        .post('/api/v1/users')
        .send({ user: { username, email: `${username}@example.com`, password } });
      expect(res.status).toBe(422);
      expect(res.body.errors.password[0]).toMatch(/^is too easy to guess/);
      expect(await User.countDocuments({ username })).toBe(0);
    },
  );

  it('refuses a password made of the username, accepts a passphrase', async () => {
    const username = unique('dragonrider');
    const own = await request(app)
      .post('/api/v1/users')
      .send({ user: { username, email: `${username}@example.com`, password: username } });
    expect(own.status).toBe(422);
    const ok = await request(app)
      .post('/api/v1/users')
      .send({
        user: { username, email: `${username}@example.com`, password: 'violet kettle sunrise' },
      });
    expect(ok.status).toBe(201);
  });
});

describe('POST /api/v1/users/login', () => {
  it('logs in with the right password (any email case): 200 with a fresh token', async () => {
    const user = await createUser(app);
    const res = await request(app)
      .post('/api/v1/users/login')
      .send({ user: { email: user.email.toUpperCase(), password: user.password } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      email: user.email,
      username: user.username,
      token: expect.any(String),
    });
  });

  it.each([
    [
      'a wrong password',
      (u: { email: string }) => ({ email: u.email, password: 'wrong-password' }),
    ],
    [
      'an unknown email',
      () => ({ email: `${unique('nobody')}@example.com`, password: 'whatever1' }),
    ],
  ])('answers 401 for %s, without saying which', async (_case, credentials) => {
    const user = await createUser(app);
    const res = await request(app)
      .post('/api/v1/users/login')
      .send({ user: credentials(user) });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(
      errorBody({ 'email or password': ['is invalid'] }, 'INVALID_CREDENTIALS'),
    );
  });

  it('answers 422 to a missing password', async () => {
    const res = await request(app)
      .post('/api/v1/users/login')
      .send({ user: { email: 'a@b.co' } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ password: ['is required'] });
  });
});

describe('GET /api/v1/user', () => {
  it('returns the current user with a token', async () => {
    const user = await createUser(app);
    const res = await request(app).get('/api/v1/user').set('Authorization', user.auth);
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      email: user.email,
      token: expect.any(String),
      username: user.username,
      bio: null,
      image: null,
    });
  });

  it('answers 401 without a token', async () => {
    const res = await request(app).get('/api/v1/user');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(
      errorBody({ authorization: ['authentication required'] }, 'UNAUTHORIZED'),
    );
  });

  it('answers 401 when the token’s user no longer exists', async () => {
    const user = await createUser(app);
    await User.deleteOne({ username: user.username });
    expect((await request(app).get('/api/v1/user').set('Authorization', user.auth)).status).toBe(
      401,
    );
  });
});

describe('PUT /api/v1/user', () => {
  it('updates profile fields and the password, storing a new hash', async () => {
    const user = await createUser(app);
    const before = await User.findOne({ username: user.username }).select('+passwordHash').lean();
    const res = await request(app)
      .put('/api/v1/user')
      .set('Authorization', user.auth)
      .send({
        user: {
          bio: 'I like to skateboard',
          image: 'https://i.stack.imgur.com/xHWG8.jpg',
          password: 'a-new-password',
        },
      });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      bio: 'I like to skateboard',
      image: 'https://i.stack.imgur.com/xHWG8.jpg',
    });
    const after = await User.findOne({ username: user.username }).select('+passwordHash').lean();
    expect(after!.passwordHash).not.toBe(before!.passwordHash);
    await request(app)
      .post('/api/v1/users/login')
      .send({ user: { email: user.email, password: 'a-new-password' } })
      .expect(200);
    await request(app)
      .post('/api/v1/users/login')
      .send({ user: { email: user.email, password: user.password } })
      .expect(401);
  });

  it('treats an empty password as "unchanged", as RealWorld settings forms send it', async () => {
    const user = await createUser(app);
    const before = await User.findOne({ username: user.username }).select('+passwordHash').lean();
    await request(app)
      .put('/api/v1/user')
      .set('Authorization', user.auth)
      .send({ user: { password: '', bio: 'b' } })
      .expect(200);
    const after = await User.findOne({ username: user.username }).select('+passwordHash').lean();
    expect(after!.passwordHash).toBe(before!.passwordHash);
    await request(app).get('/api/v1/user').set('Authorization', user.auth).expect(200);
  });

  it('clears bio and image with null or an empty string', async () => {
    const user = await createUser(app);
    await request(app)
      .put('/api/v1/user')
      .set('Authorization', user.auth)
      .send({ user: { bio: 'x', image: 'https://a.b/c.png' } });
    const res = await request(app)
      .put('/api/v1/user')
      .set('Authorization', user.auth)
      .send({ user: { bio: '', image: null } });
    expect(res.body.user).toMatchObject({ bio: null, image: null });
  });

  it('changes username and email, and the new email logs in', async () => {
    const user = await createUser(app);
    const username = unique('renamed');
    const res = await request(app)
      .put('/api/v1/user')
      .set('Authorization', user.auth)
      .send({ user: { username, email: `${username}@EXAMPLE.com` } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username, email: `${username}@example.com` });
    await request(app)
      .post('/api/v1/users/login')
      .send({ user: { email: `${username}@example.com`, password: user.password } })
      .expect(200);
  });

  it('answers 422 when the new username or email belongs to someone else', async () => {
    const [user, other] = await Promise.all([createUser(app), createUser(app)]);
    const res = await request(app)
      .put('/api/v1/user')
      .set('Authorization', user.auth)
      .send({ user: { username: other.username, email: other.email } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      username: ['is already taken'],
      email: ['is already taken'],
    });
  });

  it('accepts its own current username and email unchanged', async () => {
    const user = await createUser(app);
    await request(app)
      .put('/api/v1/user')
      .set('Authorization', user.auth)
      .send({ user: { username: user.username, email: user.email } })
      .expect(200);
  });

  it('answers 422 to an invalid image URL and to a short password; role cannot be set', async () => {
    const user = await createUser(app);
    const res = await request(app)
      .put('/api/v1/user')
      .set('Authorization', user.auth)
      .send({ user: { image: 'javascript:alert(1)', password: 'short' } });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['image', 'password']);
    await request(app)
      .put('/api/v1/user')
      .set('Authorization', user.auth)
      .send({ user: { role: 'admin', bio: 'b' } })
      .expect(200);
    expect((await User.findOne({ username: user.username }).lean())!.role).toBe('user');
  });

  it('answers 401 without a token', async () => {
    expect(
      (
        await request(app)
          .put('/api/v1/user')
          .send({ user: { bio: 'x' } })
      ).status,
    ).toBe(401);
  });
});
