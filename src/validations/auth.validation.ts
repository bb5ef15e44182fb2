import Joi from 'joi';
import { email, password } from './common';
import * as userSchemas from './user.validation';

/** The same credentials as the RealWorld login. */
export const login = userSchemas.login;

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
