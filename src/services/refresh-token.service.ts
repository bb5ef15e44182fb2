/**
 * Refresh tokens: opaque random values (stored hashed) that buy a new access token and a
 * new refresh token — rotation. Presenting a revoked one means it was stolen or replayed,
 * so its whole family (that login's chain) is revoked.
 */
import { randomUUID } from 'node:crypto';
import { config } from '../config';
import { RefreshToken, User } from '../models';
import { ForbiddenError, UnauthorizedError } from '../utils/errors';
import { logger } from '../utils/logger';
import { randomToken, sha256 } from '../utils/secure-token';
import { isDuplicateKeyError } from '../utils/mongo';
import { signAccessToken } from './token.service';
import { toUserView } from './views';

const invalid = (message = 'is invalid or expired') =>
  new UnauthorizedError(message, 'refreshToken', 'REFRESH_TOKEN_INVALID');

async function storeToken(userId: string, family: string, parent?: string) {
  const token = randomToken();
  const tokenHash = sha256(token);
  const expiresAt = new Date(Date.now() + config.jwt.refreshTtlDays * 24 * 60 * 60 * 1000);
  await RefreshToken.create({
    tokenHash,
    user: userId,
    family,
    parent: parent ?? `root:${tokenHash}`,
    expiresAt,
  });
  return { refreshToken: token, refreshTokenExpiresAt: expiresAt };
}

async function sessionFor(userId: string, family: string, parent?: string) {
  const user = await User.findById(userId);
  if (!user) throw invalid();
  if (user.status === 'banned') throw new ForbiddenError('this account is banned', 'user');
  const { refreshToken, refreshTokenExpiresAt } = await storeToken(userId, family, parent);
  return {
    user: toUserView(user, signAccessToken(userId, user.tokenVersion)),
    refreshToken,
    refreshTokenExpiresAt: refreshTokenExpiresAt.toISOString(),
  };
}

/** A new token family for a fresh login. */
export function startSession(userId: string) {
  return sessionFor(userId, randomUUID());
}

export async function revokeFamily(family: string) {
  await RefreshToken.updateMany({ family, revokedAt: null }, { $set: { revokedAt: new Date() } });
}

/** Exchanges a refresh token for a new pair; the old one is revoked. */
export async function rotate(token: string) {
  const stored = await RefreshToken.findOne({ tokenHash: sha256(token) }).lean();
  if (!stored) throw invalid();
  if (stored.revokedAt) {
    logger.warn('refresh token reuse detected: revoking its family', { family: stored.family });
    await revokeFamily(stored.family);
    throw invalid('was already used; every session of this login is revoked');
  }
  if (stored.expiresAt < new Date()) throw invalid();
  try {
    const session = await sessionFor(stored.user.toString(), stored.family, stored.tokenHash);
    await RefreshToken.updateOne({ _id: stored._id }, { $set: { revokedAt: new Date() } });
    return session;
  } catch (err) {
    // A concurrent rotation of the same token won the unique `parent`: treat as reuse.
    if (!isDuplicateKeyError(err)) throw err;
    logger.warn('concurrent refresh token reuse: revoking its family', { family: stored.family });
    await revokeFamily(stored.family);
    throw invalid('was already used; every session of this login is revoked');
  }
}

/** Logout: revokes the presented token's family. Unknown tokens are ignored (idempotent). */
export async function logout(token: string) {
  const stored = await RefreshToken.findOne({ tokenHash: sha256(token) })
    .select('family')
    .lean();
  if (stored) await revokeFamily(stored.family);
}

/** Every refresh token of the user, and (via tokenVersion) every access token. */
export async function revokeAllSessions(userId: string) {
  await RefreshToken.updateMany(
    { user: userId, revokedAt: null },
    { $set: { revokedAt: new Date() } },
  );
}

export async function logoutEverywhere(userId: string) {
  await revokeAllSessions(userId);
  await User.updateOne({ _id: userId }, { $inc: { tokenVersion: 1 } });
}

/**
 * Asks the database to expire tokens itself (a TTL index). Returns false where that is not
 * supported (FerretDB v1): then only sweepExpiredRefreshTokens removes them.
 */
export async function ensureExpiryCleanup(): Promise<boolean> {
  try {
    await RefreshToken.collection.createIndex(
      { expiresAt: 1 },
      { expireAfterSeconds: 0, name: 'expiresAt_ttl' },
    );
    return true;
  } catch (err) {
    logger.info('TTL indexes unsupported here; expired refresh tokens are swept periodically', {
      error: (err as Error).message,
    });
    return false;
  }
}

/** Deletes expired tokens: the TTL index's job on MongoDB, done here for FerretDB v1. */
export async function sweepExpiredRefreshTokens(): Promise<number> {
  const { deletedCount } = await RefreshToken.deleteMany({ expiresAt: { $lt: new Date() } });
  return deletedCount;
}

/** Sweeps every `intervalMs` in the background (never keeps the process alive). */
export function scheduleExpiredTokenSweep(intervalMs: number): NodeJS.Timeout {
  return setInterval(() => {
    sweepExpiredRefreshTokens()
      .then((deleted) => deleted > 0 && logger.info('expired refresh tokens swept', { deleted }))
      .catch((err: Error) => logger.warn('refresh token sweep failed', { error: err.message }));
  }, intervalMs).unref();
}
