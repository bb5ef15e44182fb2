/**
 * Who opens a socket: the same credentials as HTTP. A client sends its access token as
 * `auth: { token }`; a browser signed in with the cookie session may send nothing else,
 * from an allowed origin (cookies ride along on cross-site WebSocket handshakes).
 * A refusal reaches the client as `connect_error`, whose `message` says why and whose
 * `data` is the REST error shape: `{ code, errors }`.
 */
import type { ExtendedError, Socket } from 'socket.io';
import { toAppError } from '../utils/translate-error';
import { sessionUserOf } from '../middleware/session';
import type { AccessTokenService } from '../services/access-token.service';
import type { CredentialService } from '../services/credential.service';
import { UnauthorizedError } from '../utils/errors';
import { logger } from '../utils/logger';
import type { SocketData } from './contract';

interface HandshakeDeps {
  accessTokens: AccessTokenService;
  credentials: CredentialService;
  /** Origins allowed to use the cookie session (CORS_ORIGINS; `*` does not count). */
  corsOrigins: string[];
}

function cookieOriginAllowed(socket: Socket, corsOrigins: string[]): boolean {
  const { origin, host } = socket.handshake.headers;
  if (!origin) return true; // not a browser, or same-origin polling
  if (corsOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

async function authenticate(socket: Socket, deps: HandshakeDeps): Promise<SocketData> {
  const { token } = socket.handshake.auth as { token?: unknown };
  if (token !== undefined) {
    if (typeof token !== 'string' || token === '')
      throw new UnauthorizedError('must be a non-empty string', 'token', 'TOKEN_INVALID');
    const subject = deps.accessTokens.verify(token);
    const actor = await deps.credentials.actorFor(subject);
    return { userId: actor.id, expiresAt: subject.expiresAt };
  }
  const sessionUser = sessionUserOf(socket.request);
  if (sessionUser) {
    if (!cookieOriginAllowed(socket, deps.corsOrigins))
      throw new UnauthorizedError('is not allowed to use the session cookie', 'origin');
    const actor = await deps.credentials.actorFor(sessionUser);
    return { userId: actor.id };
  }
  throw new UnauthorizedError(
    'required: send auth: { token }, or sign in with the cookie session',
    'authentication',
    'AUTH_REQUIRED',
  );
}

/** The `io.use` middleware: authenticates, or refuses with a clear reason. */
export function authenticateHandshake(deps: HandshakeDeps) {
  return (socket: Socket, next: (err?: ExtendedError) => void) => {
    authenticate(socket, deps).then(
      (data) => {
        Object.assign(socket.data, data);
        next();
      },
      (err: Error) => {
        const known = toAppError(err);
        if (!known) logger.error('socket handshake failed', { error: err });
        const refusal: ExtendedError = new Error(known?.message ?? 'internal error');
        refusal.data = known
          ? { code: known.code, errors: known.errors }
          : { code: 'INTERNAL_ERROR', errors: { body: ['Internal server error'] } };
        next(refusal);
      },
    );
  };
}
