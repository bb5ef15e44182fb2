/**
 * Authentication, by token or by session:
 * - `Authorization: Token <jwt>` (what RealWorld clients send) or `Bearer <jwt>`;
 * - else the session cookie (POST /api/v1/auth/session); unsafe methods then also need
 *   the session's `X-CSRF-Token` header, since browsers send cookies on their own.
 * `auth.required` answers 401 without either; `auth.optional` lets anonymous requests
 * through, but a credential that is present and invalid is still refused.
 * `authorize(permission)` then checks the role (RBAC, see domain/permissions.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { can, type Actor, type Permission } from '../domain/permissions';
import type { CredentialService } from '../services/credential.service';
import { AppError, ForbiddenError, UnauthorizedError } from '../utils/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthLevel = 'required' | 'optional';

function tokenFrom(req: Request): string | undefined {
  const header = req.get('Authorization');
  if (header === undefined) return undefined;
  const match = /^(?:Token|Bearer) +(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new UnauthorizedError(
      'must be "Token <jwt>" or "Bearer <jwt>"',
      'authorization',
      'TOKEN_INVALID',
    );
  }
  return match[1];
}

function assertCsrf(req: Request) {
  if (SAFE_METHODS.has(req.method)) return;
  const sent = Buffer.from(req.get('X-CSRF-Token') ?? '');
  const expected = Buffer.from(req.session.csrfToken ?? '');
  if (
    expected.length === 0 ||
    sent.length !== expected.length ||
    !timingSafeEqual(sent, expected)
  ) {
    throw new AppError(403, 'CSRF_INVALID', { csrfToken: ['is missing or invalid'] });
  }
}

export function createAuth(credentials: CredentialService) {
  async function authenticate(req: Request): Promise<Actor | undefined> {
    const token = tokenFrom(req);
    if (token) return credentials.actorForToken(token);
    const { session } = req;
    if (session?.userId) {
      assertCsrf(req);
      return credentials.actorFor({ userId: session.userId, version: session.tokenVersion ?? 0 });
    }
    return undefined;
  }

  const required: RequestHandler = async (req, _res, next) => {
    const actor = await authenticate(req);
    if (!actor) throw new UnauthorizedError('authentication required', 'authorization');
    req.auth = actor;
    next();
  };

  const optional: RequestHandler = async (req, _res, next) => {
    req.auth = await authenticate(req);
    next();
  };

  return {
    required: Object.assign(required, { authLevel: 'required' as const }),
    optional: Object.assign(optional, { authLevel: 'optional' as const }),
  };
}

export type Auth = ReturnType<typeof createAuth>;

/** 403 unless the signed-in user's role grants `permission`; use after auth.required. */
export function authorize(permission: Permission): RequestHandler & { permission: Permission } {
  const check: RequestHandler = (req, _res, next) => {
    if (!can(currentActor(req).role, permission))
      throw new ForbiddenError(`requires the ${permission} permission`, 'role');
    next();
  };
  // Tagged, like auth.required: the OpenAPI document says who may call the route.
  return Object.assign(check, { permission });
}

/** The actor (the signed-in user the request acts for); only call it behind `auth.required`. */
export function currentActor(req: Request): Actor {
  if (!req.auth) throw new UnauthorizedError();
  return req.auth;
}

/** The actor's id behind `auth.optional`: undefined when anonymous. */
export const actorIdOf = (req: Request): string | undefined => req.auth?.id;
