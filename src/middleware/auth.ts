/**
 * Authentication from `Authorization: Token <jwt>` (what RealWorld clients send) or
 * `Bearer <jwt>`. `auth.required` answers 401 without a valid token; `auth.optional` lets
 * anonymous requests through, but a token that is present and invalid is still a 401.
 */
import type { Request, RequestHandler } from 'express';
import { verifyAccessToken } from '../services/token.service';
import { UnauthorizedError } from '../utils/errors';

function tokenFrom(req: Request): string | undefined {
  const header = req.get('Authorization');
  if (header === undefined) return undefined;
  const match = /^(?:Token|Bearer) +(\S+)\s*$/i.exec(header);
  if (!match)
    throw new UnauthorizedError(
      'must be "Token <jwt>" or "Bearer <jwt>"',
      'authorization',
      'TOKEN_INVALID',
    );
  return match[1];
}

const required: RequestHandler = (req, _res, next) => {
  const token = tokenFrom(req);
  if (!token) throw new UnauthorizedError('authentication required', 'authorization');
  req.auth = { userId: verifyAccessToken(token) };
  next();
};

const optional: RequestHandler = (req, _res, next) => {
  const token = tokenFrom(req);
  if (token) req.auth = { userId: verifyAccessToken(token) };
  next();
};

export const auth = { required, optional };

/** The authenticated user's id; only call it behind `auth.required`. */
export function currentUserId(req: Request): string {
  if (!req.auth) throw new UnauthorizedError();
  return req.auth.userId;
}
