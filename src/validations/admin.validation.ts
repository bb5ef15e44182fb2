import Joi from 'joi';
import { ROLES, USER_STATUSES } from '../models/user.model';
import { pagination, usernameParam } from './common';

const byUsername = Joi.object({ username: usernameParam });

export const listUsers = {
  query: Joi.object({
    role: Joi.string().valid(...ROLES),
    status: Joi.string().valid(...USER_STATUSES),
    sort: Joi.string()
      .valid('createdAt', '-createdAt', 'username', '-username')
      .default('-createdAt'),
    ...pagination,
  }),
};

export const changeRole = {
  params: byUsername,
  body: Joi.object({
    role: Joi.string()
      .valid(...ROLES)
      .required(),
  }),
};

export const ban = { params: byUsername };

export const auditLog = { query: Joi.object(pagination) };
