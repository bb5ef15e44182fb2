/**
 * Authentication from `Authorization: Token <jwt>` (what RealWorld clients send) or
 * `Bearer <jwt>`. `auth.required` answers 401 without a valid token; `auth.optional` lets
 * anonymous requests through, but a token that is present and invalid is still a 401.
 * `authorize(permission)` then checks the role (RBAC, see services/permissions.ts).
 */
import type { Request, RequestHandler } from 'express';
import { can, type Actor, type Permission } from '../services/permissions';
import { authenticateAccessToken } from '../services/token.service';
import { ForbiddenError, UnauthorizedError } from '../utils/errors';

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

const required: RequestHandler = async (req, _res, next) => {
  const token = tokenFrom(req);
  if (!token) throw new UnauthorizedError('authentication required', 'authorization');
  req.auth = await authenticateAccessToken(token);
  next();
};

const optional: RequestHandler = async (req, _res, next) => {
  const token = tokenFrom(req);
  if (token) req.auth = await authenticateAccessToken(token);
  next();
};

export const auth = { required, optional };

/** 403 unless the signed-in user's role grants `permission`; use after auth.required. */
export function authorize(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    if (!req.auth) throw new UnauthorizedError('authentication required', 'authorization');
    if (!can(req.auth.role, permission))
      throw new ForbiddenError(`requires the ${permission} permission`, 'role');
    next();
  };
}

/** The signed-in user; only call it behind `auth.required`. */
export function currentActor(req: Request): Actor {
  if (!req.auth) throw new UnauthorizedError();
  return req.auth;
}

export function currentUserId(req: Request): string {
  return currentActor(req).id;
}
