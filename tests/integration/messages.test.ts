import request from 'supertest';
import { Conversation, Message, User } from '../../src/models';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createUser, follow, type TestUser } from '../helpers/factories';
import { errorBody, ISO_DATE } from '../helpers/shapes';

useTestDatabase();
const app = buildApp();

async function friends(): Promise<[TestUser, TestUser]> {
  const [a, b] = await Promise.all([createUser(app), createUser(app)]);
  await follow(app, a, b.username);
  await follow(app, b, a.username);
  return [a, b];
}

const send = (from: TestUser, to: string, body: unknown) =>
  request(app)
    .post(`/api/v1/conversations/${to}/messages`)
    .set('Authorization', from.auth)
    .send({ message: { body } });

const idOf = async (user: TestUser) =>
  (await User.findOne({ username: user.username }).lean())!._id;

describe('POST /api/v1/conversations/:username/messages', () => {
  it('sends a message between users who follow each other: 201, stored, conversation updated', async () => {
    const [ana, ben] = await friends();
    const res = await send(ana, ben.username, '  Hello Ben  ');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      message: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        from: ana.username,
        to: ben.username,
        body: 'Hello Ben',
        createdAt: expect.stringMatching(ISO_DATE),
        deliveredAt: null,
      },
    });
    const stored = await Message.findById(res.body.message.id).lean();
    expect(stored).toMatchObject({ body: 'Hello Ben', deliveredAt: null });
    expect(stored!.from.toString()).toBe((await idOf(ana)).toString());
    const conversation = await Conversation.findById(stored!.conversation).lean();
    expect(conversation!.lastMessage.toString()).toBe(res.body.message.id);
    expect(conversation!.members).toHaveLength(2);
  });

  it('answers 403 unless both follow each other, and stores nothing', async () => {
    const [ana, ben] = await Promise.all([createUser(app), createUser(app)]);
    await follow(app, ana, ben.username); // one way only
    for (const [from, to] of [
      [ana, ben],
      [ben, ana],
    ]) {
      const res = await send(from, to.username, 'hi');
      expect(res.status).toBe(403);
      expect(res.body).toEqual(
        errorBody({ message: ['only users who follow each other can exchange messages'] }),
      );
    }
    expect(await Message.countDocuments({ from: await idOf(ana) })).toBe(0);
  });

  it('answers 422 to yourself, an empty or too long body; 404 to an unknown user; 401 without a token', async () => {
    const [ana] = await friends();
    expect((await send(ana, ana.username, 'me')).status).toBe(422);
    const empty = await send(ana, 'nobody-here', '   ');
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual({ body: ['is not allowed to be empty'] });
    expect((await send(ana, 'nobody-here', 'x'.repeat(2001))).status).toBe(422);
    expect((await send(ana, 'nobody-here', 'hi')).status).toBe(404);
    await request(app)
      .post(`/api/v1/conversations/${ana.username}/messages`)
      .send({ message: { body: 'hi' } })
      .expect(401);
  });
});

describe('GET /api/v1/conversations/:username/messages', () => {
  it('gives both sides the same history, newest first, paged, with the total', async () => {
    const [ana, ben] = await friends();
    for (const [from, to, body] of [
      [ana, ben, 'one'],
      [ben, ana, 'two'],
      [ana, ben, 'three'],
    ] as const) {
      await send(from, to.username, body).expect(201);
    }
    const asAna = await request(app)
      .get(`/api/v1/conversations/${ben.username}/messages`)
      .set('Authorization', ana.auth)
      .expect(200);
    expect(asAna.body.messages.map((m: { body: string }) => m.body)).toEqual([
      'three',
      'two',
      'one',
    ]);
    expect(asAna.body.messages[1]).toMatchObject({ from: ben.username, to: ana.username });
    expect(asAna.body.messagesCount).toBe(3);

    const page = await request(app)
      .get(`/api/v1/conversations/${ana.username}/messages?limit=1&offset=2`)
      .set('Authorization', ben.auth)
      .expect(200);
    expect(page.body).toMatchObject({ messages: [{ body: 'one' }], messagesCount: 3 });
  });

  it('answers an empty history for users who never wrote, 404 for an unknown user', async () => {
    const [ana, ben] = await Promise.all([createUser(app), createUser(app)]);
    const res = await request(app)
      .get(`/api/v1/conversations/${ben.username}/messages`)
      .set('Authorization', ana.auth)
      .expect(200);
    expect(res.body).toEqual({ messages: [], messagesCount: 0 });
    await request(app)
      .get('/api/v1/conversations/nobody-here/messages')
      .set('Authorization', ana.auth)
      .expect(404);
  });
});

describe('GET /api/v1/conversations', () => {
  it('lists your conversations, most recent first, with the other user and the last message', async () => {
    const [ana, ben] = await friends();
    const cleo = await createUser(app);
    await follow(app, ana, cleo.username);
    await follow(app, cleo, ana.username);
    await send(ana, ben.username, 'to ben').expect(201);
    await send(cleo, ana.username, 'from cleo').expect(201);

    const res = await request(app)
      .get('/api/v1/conversations')
      .set('Authorization', ana.auth)
      .expect(200);
    expect(res.body.conversationsCount).toBe(2);
    expect(res.body.conversations).toEqual([
      {
        profile: { username: cleo.username, bio: null, image: null, following: true },
        lastMessage: expect.objectContaining({
          from: cleo.username,
          to: ana.username,
          body: 'from cleo',
        }),
      },
      {
        profile: { username: ben.username, bio: null, image: null, following: true },
        lastMessage: expect.objectContaining({ from: ana.username, body: 'to ben' }),
      },
    ]);
    const asBen = await request(app).get('/api/v1/conversations').set('Authorization', ben.auth);
    expect(
      asBen.body.conversations.map((c: { profile: { username: string } }) => c.profile.username),
    ).toEqual([ana.username]);
  });

  it('answers an empty list to a user with no conversation, 401 without a token', async () => {
    const user = await createUser(app);
    const res = await request(app).get('/api/v1/conversations').set('Authorization', user.auth);
    expect(res.body).toEqual({ conversations: [], conversationsCount: 0 });
    await request(app).get('/api/v1/conversations').expect(401);
  });
});
