/** Access tokens: HS256 JWTs whose subject is the user id. */
import jwt from 'jsonwebtoken';
import { config } from '../config';
import { UnauthorizedError } from '../utils/errors';

export function signAccessToken(userId: string): string {
  return jwt.sign({}, config.jwt.secret, {
    algorithm: 'HS256',
    subject: userId,
    expiresIn: config.jwt.expiresIn as jwt.SignOptions['expiresIn'],
  });
}

/** Returns the user id of a valid token; expired, tampered or `alg: none` tokens throw 401. */
export function verifyAccessToken(token: string): string {
  // Pinning the algorithm rejects `alg: none` and algorithm-confusion tokens.
  const payload = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'] });
  if (typeof payload === 'string' || !payload.sub) {
    throw new UnauthorizedError('is invalid', 'token', 'TOKEN_INVALID');
  }
  return payload.sub;
}
