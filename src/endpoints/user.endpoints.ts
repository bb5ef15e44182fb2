import Joi from 'joi';
import type { Credentials, RegisterInput, UserChanges } from '../services/user.service';
import { email, password, username } from './common';
import { endpoint } from './endpoint';

export const register = endpoint({
  summary: 'Register',
  description:
    'Creates the account and answers it with a token (USER_TOKEN_EXPIRES_IN, a day by default). The username and email must be free (the email compared case-insensitively); the password must not be easy to guess. A verification email is sent by a job.',
  body: Joi.object<{ user: RegisterInput }>({
    user: Joi.object({
      username: username.required(),
      email: email.required(),
      password: password.required(),
    }).required(),
  }),
  success: { status: 201, schema: 'UserResponse' },
});

/** The credentials of every login (RealWorld, tokens, cookie session). */
export const credentials = Joi.object<{ user: Credentials }>({
  user: Joi.object({
    email: email.required(),
    password: Joi.string().max(72).required(),
  }).required(),
});

export const login = endpoint({
  summary: 'Log in',
  description:
    "RealWorld's login: the user with a token. Wrong passwords are counted per account and client IP: after LOGIN_MAX_FAILURES the pair is locked for LOGIN_LOCK_MS.",
  body: credentials,
  success: { status: 200, schema: 'UserResponse' },
  errors: [401, 403],
});

export const current = endpoint({
  summary: 'Current user',
  description: 'Your account, with a fresh token.',
  success: { status: 200, schema: 'UserResponse' },
});

export const update = endpoint({
  summary: 'Update current user',
  description:
    'Only the fields you send change; an empty `bio` or `image` clears it. A new password must not be easy to guess, and signs out every other login and session of yours (the answer carries a token that still works).',
  body: Joi.object<{ user: UserChanges }>({
    user: Joi.object({
      username,
      email,
      // Settings forms of RealWorld front ends send "" for "unchanged".
      password: password.empty(''),
      // null or "" clears the field.
      bio: Joi.string().max(1000).allow(null, ''),
      image: Joi.string()
        .uri({ scheme: ['http', 'https'] })
        .max(2000)
        .allow(null, ''),
    }).required(),
  }),
  success: { status: 200, schema: 'UserResponse' },
});
