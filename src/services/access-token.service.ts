/**
 * Access tokens: HS256 JWTs whose subject is the user id and whose `ver` is the user's
 * token version (bumped to revoke them all). Two lifetimes: the RealWorld `user.token`
 * lives a session's length (its clients cannot refresh), /api/v1/auth/* tokens are short
 * and come with refresh tokens. Both verify the same way.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { UnauthorizedError } from '../utils/errors';
import { isObjectIdString } from '../utils/mongo';

export interface AccessTokenSettings {
  secret: string;
  accessTokenExpiresIn: string;
  userTokenExpiresIn: string;
}

/** Who a token was issued to: the user and the token version it was issued under. */
export interface TokenSubject {
  userId: string;
  version: number;
  /** When the token expires (a long-lived socket is closed then). */
  expiresAt?: Date;
}

const invalid = () => new UnauthorizedError('is invalid', 'token', 'TOKEN_INVALID');

export function createAccessTokenService(settings: AccessTokenSettings) {
  // A KeyObject made once: with a string, jsonwebtoken would build one on every call.
  const key: KeyObject = createSecretKey(Buffer.from(settings.secret, 'utf8'));

  const sign = (user: { _id: { toString(): string }; tokenVersion?: number }, expiresIn: string) =>
    jwt.sign({ type: 'access', ver: user.tokenVersion ?? 0 }, key, {
      algorithm: 'HS256',
      subject: user._id.toString(),
      expiresIn: expiresIn as jwt.SignOptions['expiresIn'],
    });

  return {
    /** The RealWorld `user.token`. */
    signUserToken: (user: Parameters<typeof sign>[0]) => sign(user, settings.userTokenExpiresIn),
    /** A short-lived token for clients that refresh (/api/v1/auth/*). */
    signAccessToken: (user: Parameters<typeof sign>[0]) =>
      sign(user, settings.accessTokenExpiresIn),

    /** Checks signature, algorithm, expiry, type and claims; anything else is a 401. */
    verify(token: string): TokenSubject {
      // Pinning the algorithm rejects `alg: none` and algorithm-confusion tokens.
      const payload = jwt.verify(token, key, { algorithms: ['HS256'] });
      if (typeof payload === 'string' || payload.type !== 'access') throw invalid();
      const { sub, ver, exp } = payload;
      if (typeof sub !== 'string' || !isObjectIdString(sub)) throw invalid();
      if (ver !== undefined && !Number.isInteger(ver)) throw invalid();
      return {
        userId: sub,
        version: ver ?? 0,
        expiresAt: exp === undefined ? undefined : new Date(exp * 1000),
      };
    },
  };
}

export type AccessTokenService = ReturnType<typeof createAccessTokenService>;
