import Joi from 'joi';
import { email, password } from './common';

export const login = {
  body: Joi.object({
    user: Joi.object({
      email: email.required(),
      password: Joi.string().max(72).required(),
    }).required(),
  }),
};

/** The refresh token comes in the body (non-browser clients) or in the httpOnly cookie. */
export const refresh = {
  body: Joi.object({ refreshToken: Joi.string().max(200) }),
};

const token = Joi.string().max(200).required();

export const verifyEmail = { query: Joi.object({ token }) };

export const forgotPassword = {
  body: Joi.object({ user: Joi.object({ email: email.required() }).required() }),
};

export const resetPassword = {
  body: Joi.object({ token, user: Joi.object({ password: password.required() }).required() }),
};
