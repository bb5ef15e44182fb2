import Joi from 'joi';
import type { Credentials, RegisterInput, UserChanges } from '../services/user.service';
import { email, password, username } from './common';
import { endpoint } from './endpoint';

export const register = endpoint({
  summary: 'Register',
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
  body: credentials,
  success: { status: 200, schema: 'UserResponse' },
  errors: [401, 403],
});

export const current = endpoint({
  summary: 'Current user',
  success: { status: 200, schema: 'UserResponse' },
});

export const update = endpoint({
  summary: 'Update current user',
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
