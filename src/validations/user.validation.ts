import Joi from 'joi';
import { email, password, username } from './common';

export const register = {
  body: Joi.object({
    user: Joi.object({
      username: username.required(),
      email: email.required(),
      password: password.required(),
    }).required(),
  }),
};

export const login = {
  body: Joi.object({
    user: Joi.object({
      email: email.required(),
      password: Joi.string().max(72).required(),
    }).required(),
  }),
};

export const update = {
  body: Joi.object({
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
};
