/**
 * Refresh tokens: opaque random values (stored hashed) that buy a new token pair — a short
 * access token and the next refresh token (rotation). The tokens descending from one login
 * form a family; presenting a revoked one means it was stolen or replayed, so the whole
 * family is revoked.
 */
import { randomUUID } from 'node:crypto';
import { assertActive } from '../domain/account';
import { AccountToken, RefreshToken, User } from '../models';
import { toUserView, type AccountFields } from '../presenters/user.presenter';
import { after, type Clock } from '../utils/clock';
import { UnauthorizedError } from '../utils/errors';
import { logger } from '../utils/logger';
import { isDuplicateKeyError } from '../utils/mongo';
import { randomToken, sha256 } from '../utils/secure-token';
import type { AccessTokenService } from './access-token.service';

const DAY_MS = 24 * 60 * 60 * 1000;

const invalid = (message = 'is invalid or expired') =>
  new UnauthorizedError(message, 'refreshToken', 'REFRESH_TOKEN_INVALID');

type SignedInUser = AccountFields & { status?: string | null; tokenVersion?: number };

interface Deps {
  accessTokens: AccessTokenService;
  clock: Clock;
  ttlDays: number;
}

export function createRefreshTokenService({ accessTokens, clock, ttlDays }: Deps) {
  async function revokeFamily(family: string) {
    await RefreshToken.updateMany(
      { family, revokedAt: null },
      { $set: { revokedAt: clock.now() } },
    );
  }

  /** A token pair for `user`; `parent` is the hash of the refresh token it replaces. */
  async function pairFor(user: SignedInUser, family: string, parent?: string) {
    assertActive(user);
    const refreshToken = randomToken();
    const tokenHash = sha256(refreshToken);
    const expiresAt = after(clock, ttlDays * DAY_MS);
    await RefreshToken.create({
      tokenHash,
      user: user._id,
      family,
      parent: parent ?? `root:${tokenHash}`,
      expiresAt,
    });
    return {
      user: toUserView(user, accessTokens.signAccessToken(user)),
      refreshToken,
      refreshTokenExpiresAt: expiresAt.toISOString(),
    };
  }

  return {
    /** A new family for a fresh login. */
    issuePair: (user: SignedInUser) => pairFor(user, randomUUID()),

    /** Exchanges a refresh token for a new pair; the old one is revoked. */
    async rotate(token: string) {
      const stored = await RefreshToken.findOne({ tokenHash: sha256(token) }).lean();
      if (!stored) throw invalid();
      if (stored.revokedAt) {
        logger.warn('refresh token reuse detected: revoking its family', { family: stored.family });
        await revokeFamily(stored.family);
        throw invalid('was already used; every token of this login is revoked');
      }
      if (stored.expiresAt < clock.now()) throw invalid();
      const user = await User.findById(stored.user).lean();
      if (!user) throw invalid();
      try {
        const pair = await pairFor(user, stored.family, stored.tokenHash);
        await RefreshToken.updateOne({ _id: stored._id }, { $set: { revokedAt: clock.now() } });
        return pair;
      } catch (err) {
        // A concurrent rotation of the same token won the unique `parent`: treat as reuse.
        if (!isDuplicateKeyError(err)) throw err;
        logger.warn('concurrent refresh token reuse: revoking its family', {
          family: stored.family,
        });
        await revokeFamily(stored.family);
        throw invalid('was already used; every token of this login is revoked');
      }
    },

    /** Ends the login the token belongs to. Unknown tokens are ignored (idempotent). */
    async revokeLogin(token: string) {
      const stored = await RefreshToken.findOne({ tokenHash: sha256(token) })
        .select('family')
        .lean();
      if (stored) await revokeFamily(stored.family);
    },

    /**
     * Deletes expired refresh and account tokens: a TTL index's job where the database has
     * them (MongoDB), done here where it does not (FerretDB v1).
     */
    async sweepExpired(): Promise<number> {
      const expired = { expiresAt: { $lt: clock.now() } };
      const [refresh, account] = await Promise.all([
        RefreshToken.deleteMany(expired),
        AccountToken.deleteMany(expired),
      ]);
      return refresh.deletedCount + account.deletedCount;
    },
  };
}

export type RefreshTokenService = ReturnType<typeof createRefreshTokenService>;
export type TokenPair = Awaited<ReturnType<RefreshTokenService['issuePair']>>;
