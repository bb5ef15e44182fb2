/**
 * Whether a credential still lets its user in, and revoking all of them at once. Every
 * access token and cookie session carries the user's token version; bumping it ends them
 * all, and refresh tokens are revoked beside it. One function does both, so no flow
 * (password change or reset, ban, logout everywhere) can forget half of it.
 */
import { assertActive } from '../domain/account';
import type { EventBus } from '../events/event-bus';
import type { Actor } from '../domain/permissions';
import { changeUser, RefreshToken } from '../models';
import type { Reads } from '../queries/reads';
import type { Clock } from '../utils/clock';
import { UnauthorizedError } from '../utils/errors';
import type { AccessTokenService, TokenSubject } from './access-token.service';

interface Deps {
  accessTokens: AccessTokenService;
  clock: Clock;
  events: EventBus;
  reads: Reads;
}

export function createCredentialService(deps: Deps) {
  /**
   * The actor behind a token or session, if the user still lets it in: their role, status
   * and token version, cached until a revocation, a ban or a role change drops them — on
   * every instance at once (src/cache/upkeep.ts).
   */
  async function actorFor({ userId, version }: TokenSubject): Promise<Actor> {
    const user = await deps.reads.access(userId);
    if (!user) throw new UnauthorizedError('no longer exists', 'user');
    assertActive(user);
    if (user.tokenVersion !== version)
      throw new UnauthorizedError('has been revoked', 'token', 'TOKEN_REVOKED');
    return { id: userId, role: user.role };
  }

  return {
    actorFor,
    actorForToken: (token: string) => actorFor(deps.accessTokens.verify(token)),

    /**
     * Ends every access token, cookie session and refresh token of the user. Returns the
     * user as written (with its new token version), or null when there is no such user.
     */
    async revokeAll(userId: string, changes: Record<string, unknown> = {}) {
      const user = await changeUser(userId, { $set: changes, $inc: { tokenVersion: 1 } });
      await RefreshToken.updateMany(
        { user: userId, revokedAt: null },
        { $set: { revokedAt: deps.clock.now() } },
      );
      await deps.events.publish('credentials.revoked', { userId });
      return user;
    },
  };
}

export type CredentialService = ReturnType<typeof createCredentialService>;
