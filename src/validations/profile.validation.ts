import Joi from 'joi';
import { usernameParam } from './common';

export const byUsername = { params: Joi.object({ username: usernameParam }) };
