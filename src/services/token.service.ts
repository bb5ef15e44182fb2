/** Access tokens: short-lived HS256 JWTs; subject = user id, `ver` = the user's token version. */
import jwt from 'jsonwebtoken';
import { config } from '../config';
import { User, type Role } from '../models';
import { ForbiddenError, UnauthorizedError } from '../utils/errors';
import type { Actor } from './permissions';

export function signAccessToken(userId: string, tokenVersion = 0): string {
  return jwt.sign({ type: 'access', ver: tokenVersion }, config.jwt.secret, {
    algorithm: 'HS256',
    subject: userId,
    expiresIn: config.jwt.expiresIn as jwt.SignOptions['expiresIn'],
  });
}

const invalid = () => new UnauthorizedError('is invalid', 'token', 'TOKEN_INVALID');

/** Verifies signature, algorithm, expiry and type; expired, tampered or `alg: none` tokens throw 401. */
export function verifyAccessToken(token: string): { userId: string; version: number } {
  // Pinning the algorithm rejects `alg: none` and algorithm-confusion tokens.
  const payload = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'] });
  if (typeof payload === 'string' || !payload.sub || payload.type !== 'access') throw invalid();
  return { userId: payload.sub, version: typeof payload.ver === 'number' ? payload.ver : 0 };
}

/**
 * The actor behind a valid token, checked against the stored user: a deleted user, a
 * revoked token (password change, ban: the version moved on) or a banned account is refused.
 */
export async function authenticateAccessToken(token: string): Promise<Actor> {
  const { userId, version } = verifyAccessToken(token);
  return loadActor(userId, version);
}

/** The stored user behind a token or a session, if it is still allowed in. */
export async function loadActor(userId: string, version: number): Promise<Actor> {
  const user = await User.findById(userId).select('role status tokenVersion').lean();
  if (!user) throw new UnauthorizedError('no longer exists', 'user');
  if (user.status === 'banned') throw new ForbiddenError('this account is banned', 'user');
  if (user.tokenVersion !== version)
    throw new UnauthorizedError('has been revoked', 'token', 'TOKEN_REVOKED');
  return { id: userId, role: user.role as Role };
}
