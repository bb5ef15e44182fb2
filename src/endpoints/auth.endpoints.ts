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
  body: credentials,
  success: { status: 200, schema: 'TokenPairResponse' },
  errors: [401, 403],
});

export const refresh = endpoint({
  summary:
    'Rotate: a new access + refresh token; reusing a spent refresh token revokes its whole login',
  body: refreshTokenBody,
  success: { status: 200, schema: 'TokenPairResponse' },
  errors: [401, 403],
});

export const logout = endpoint({
  summary: 'Revoke this login (the refresh token family)',
  body: refreshTokenBody,
  success: { status: 204 },
  errors: [401],
});

export const logoutAll = endpoint({
  summary: 'Revoke every login, session and access token of the user',
  success: { status: 204 },
});

export const requestVerification = endpoint({
  summary: 'Email me a verification link',
  success: { status: 202, schema: 'MessageResponse' },
});

export const verifyEmail = endpoint({
  summary: 'The link in the verification email: marks the address verified',
  query: Joi.object<{ token: string }>({ token }),
  success: { status: 200, schema: 'MessageResponse' },
  errors: [400],
});

export const forgotPassword = endpoint({
  summary: 'Email a password-reset link (same answer whether or not the address is registered)',
  body: Joi.object<{ user: { email: string } }>({
    user: Joi.object({ email: email.required() }).required(),
  }),
  success: { status: 202, schema: 'MessageResponse' },
});

export const resetPassword = endpoint({
  summary: 'Set a new password with the emailed token; signs out everywhere',
  body: Joi.object<{ token: string; user: { password: string } }>({
    token,
    user: Joi.object({ password: password.required() }).required(),
  }),
  success: { status: 204 },
  errors: [400],
});

export const sessionLogin = endpoint({
  summary: 'Cookie-session login for browsers (sets an httpOnly session cookie)',
  body: credentials,
  success: { status: 200, schema: 'CookieSessionResponse' },
  errors: [401, 403],
});

export const currentSession = endpoint({
  summary: 'The current session and its CSRF token',
  success: { status: 200, schema: 'CookieSessionResponse' },
});

export const sessionLogout = endpoint({
  summary: 'Log out of the cookie session (needs X-CSRF-Token)',
  success: { status: 204 },
});

export const oidcLogin = endpoint({
  summary: 'Start OpenID Connect sign-in: 302 to the provider (code flow with PKCE, state, nonce)',
  success: { status: 302 },
  errors: [404, 503],
});

export const oidcCallback = endpoint({
  summary: 'Provider callback: links or creates the account by verified email, issues tokens',
  // The provider's parameters (code, state, error...) are checked by openid-client.
  query: Joi.object<Record<string, string>>().pattern(/./, Joi.string().max(2000)),
  success: { status: 200, schema: 'TokenPairResponse' },
  errors: [400, 401, 403, 404, 503],
});
