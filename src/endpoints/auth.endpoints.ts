import Joi from 'joi';
import { email, password } from './common';
import { endpoint } from './endpoint';
import { credentials } from './user.endpoints';

/** The refresh token comes in the body (non-browser clients) or in the httpOnly cookie. */
const refreshTokenBody = Joi.object<{ refreshToken?: string }>({
  refreshToken: Joi.string().max(200),
});
const token = Joi.string().max(200).required();

export const login = endpoint({
  summary: 'Log in for an access token and a refresh token (body and httpOnly cookie)',
  description:
    'For clients that can keep a refresh token: a short-lived access token (JWT_EXPIRES_IN, 15 minutes by default) and a refresh token, also set as an httpOnly cookie scoped to /api/v1/auth. Wrong passwords are counted per account and client IP: after LOGIN_MAX_FAILURES the pair is locked for LOGIN_LOCK_MS.',
  body: credentials,
  success: { status: 200, schema: 'TokenPairResponse' },
  errors: [401, 403],
});

export const refresh = endpoint({
  summary:
    'Rotate: a new access + refresh token; reusing a spent refresh token revokes its whole login',
  description:
    'Send the refresh token in the body or let the cookie carry it. Each refresh token works once: the answer carries its successor. A spent token sent again means it was stolen: the whole login (every token descended from it) is revoked.',
  body: refreshTokenBody,
  success: { status: 200, schema: 'TokenPairResponse' },
  errors: [401, 403],
});

export const logout = endpoint({
  summary: 'Revoke this login (the refresh token family)',
  description:
    'Revokes the refresh token and its whole family; access tokens already issued expire on their own within JWT_EXPIRES_IN.',
  body: refreshTokenBody,
  success: { status: 204 },
  errors: [401],
});

export const logoutAll = endpoint({
  summary: 'Revoke every login, session and access token of the user',
  description:
    'Every access token, refresh token, cookie session and socket of yours stops working at once (your token version moves on).',
  success: { status: 204 },
});

export const requestVerification = endpoint({
  summary: 'Email me a verification link',
  description:
    'Sends a link that proves you own your email address; the email is sent by a job, after this answers. Already verified: nothing is sent.',
  success: { status: 202, schema: 'MessageResponse' },
});

export const verifyEmail = endpoint({
  summary: 'The link in the verification email: marks the address verified',
  description: 'The token comes from the emailed link and works once, within its lifetime.',
  query: Joi.object<{ token: string }>({ token }),
  success: { status: 200, schema: 'MessageResponse' },
  errors: [400],
});

export const forgotPassword = endpoint({
  summary: 'Email a password-reset link (same answer whether or not the address is registered)',
  description:
    'Answers the same whether or not the address is registered, so the answer reveals nothing. Emails are limited per account as well as per client IP.',
  body: Joi.object<{ user: { email: string } }>({
    user: Joi.object({ email: email.required() }).required(),
  }),
  success: { status: 202, schema: 'MessageResponse' },
});

export const resetPassword = endpoint({
  summary: 'Set a new password with the emailed token; signs out everywhere',
  description:
    'The token from the emailed link works once. The new password must not be easy to guess (zxcvbn score 2 or more). Every other login, session and token of yours is revoked.',
  body: Joi.object<{ token: string; user: { password: string } }>({
    token,
    user: Joi.object({ password: password.required() }).required(),
  }),
  success: { status: 204 },
  errors: [400],
});

export const sessionLogin = endpoint({
  summary: 'Cookie-session login for browsers (sets an httpOnly session cookie)',
  description:
    'For browsers: an httpOnly, SameSite=Lax session cookie instead of a token the page would have to keep. Unsafe requests then need the X-CSRF-Token header this answers. In production, only over HTTPS.',
  body: credentials,
  success: { status: 200, schema: 'CookieSessionResponse' },
  errors: [401, 403],
});

export const currentSession = endpoint({
  summary: 'The current session and its CSRF token',
  description: 'Who the session cookie signs in, and the CSRF token to send with unsafe requests.',
  success: { status: 200, schema: 'CookieSessionResponse' },
});

export const sessionLogout = endpoint({
  summary: 'Log out of the cookie session (needs X-CSRF-Token)',
  description: 'Ends the session in the session store; the cookie is cleared.',
  success: { status: 204 },
});

export const oidcLogin = endpoint({
  summary: 'Start OpenID Connect sign-in: 302 to the provider (code flow with PKCE, state, nonce)',
  description:
    'Redirects the browser to the configured provider (OIDC_ISSUER_URL). 404 when OpenID Connect is not configured; 503 while the provider cannot be reached.',
  success: { status: 302 },
  errors: [404, 503],
});

export const oidcCallback = endpoint({
  summary: 'Provider callback: links or creates the account by verified email, issues tokens',
  description:
    'Where the provider sends the browser back. The state, nonce and PKCE verifier kept in the session are checked; the account with the same verified email is linked, or one is created.',
  // The provider's parameters (code, state, error...) are checked by openid-client.
  query: Joi.object<Record<string, string>>().pattern(/./, Joi.string().max(2000)),
  success: { status: 200, schema: 'TokenPairResponse' },
  errors: [400, 401, 403, 404, 503],
});
