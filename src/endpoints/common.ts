/** Joi pieces several endpoints share. Strings stay strings: {"$gt": ""} fails as "must be a string". */
import { tlds } from '@hapi/tlds';
import Joi from 'joi';
import type { Page } from '../queries/page';

export const username = Joi.string()
  .trim()
  .min(1)
  .max(40)
  .pattern(/^[\w.-]+$/)
  .messages({
    'string.pattern.base': 'may contain only letters, digits, "_", "." and "-"',
  });
// Every IANA top-level domain, plus those reserved for tests and examples (RFC 2606, 6761):
// the demo accounts are jake@conduit.test and friends.
const RESERVED_TLDS = ['test', 'example', 'invalid', 'localhost'];
export const email = Joi.string()
  .trim()
  .lowercase()
  .email({ tlds: { allow: new Set([...tlds, ...RESERVED_TLDS]) } })
  .max(254);
// bcrypt reads at most 72 bytes; a longer password would be silently truncated.
export const password = Joi.string().min(8).max(72);

export const pagination = {
  limit: Joi.number().integer().min(1).max(100).default(20),
  offset: Joi.number().integer().min(0).default(0),
};
export const pageQuery = Joi.object<Page>(pagination);

/** Path parameters: any string, so an unknown or malformed one is simply "not found" (404). */
export const slugParam = Joi.string().max(300).required();
const usernameParam = Joi.string().max(100).required();
export const byUsername = Joi.object<{ username: string }>({ username: usernameParam });
export const bySlug = Joi.object<{ slug: string }>({ slug: slugParam });
