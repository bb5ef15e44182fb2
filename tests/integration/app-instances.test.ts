/**
 * createApp is the composition root: everything configurable comes from the config it is
 * given, so two apps in one process never share secrets or lifetimes.
 */
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createUser } from '../helpers/factories';

useTestDatabase();

const lifetimeOf = (token: string) => {
  const { iat, exp } = jwt.decode(token) as { iat: number; exp: number };
  return exp - iat;
};

describe('two apps in one process', () => {
  const appA = buildApp({
    JWT_SECRET: 'a'.repeat(40),
    USER_TOKEN_EXPIRES_IN: '5s',
    JWT_EXPIRES_IN: '7s',
  });
  const appB = buildApp({
    JWT_SECRET: 'b'.repeat(40),
    USER_TOKEN_EXPIRES_IN: '1h',
    JWT_EXPIRES_IN: '60s',
  });

  it('each issues tokens with its own lifetimes', async () => {
    const user = await createUser(appA);
    expect(lifetimeOf(user.token)).toBe(5);
    const fromB = await request(appB)
      .post('/api/v1/users/login')
      .send({ user: { email: user.email, password: user.password } })
      .expect(200);
    expect(lifetimeOf(fromB.body.user.token)).toBe(3600);
    const pairA = await request(appA)
      .post('/api/v1/auth/login')
      .send({ user: { email: user.email, password: user.password } })
      .expect(200);
    expect(lifetimeOf(pairA.body.user.token)).toBe(7);
  });

  it('each accepts its own tokens and rejects the other’s', async () => {
    const user = await createUser(appA);
    const tokenB = (
      await request(appB)
        .post('/api/v1/users/login')
        .send({ user: { email: user.email, password: user.password } })
    ).body.user.token as string;

    await request(appA).get('/api/v1/user').set('Authorization', user.auth).expect(200);
    await request(appB).get('/api/v1/user').set('Authorization', `Token ${tokenB}`).expect(200);

    const refusedByB = await request(appB).get('/api/v1/user').set('Authorization', user.auth);
    expect(refusedByB.status).toBe(401);
    expect(refusedByB.body.errors).toEqual({ token: ['is invalid'] });
    await request(appA).get('/api/v1/user').set('Authorization', `Token ${tokenB}`).expect(401);
  });
});
