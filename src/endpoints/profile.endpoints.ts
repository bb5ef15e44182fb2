import { byUsername } from './common';
import { endpoint } from './endpoint';

/** Every profile endpoint takes a username and answers the profile (404 when unknown). */
const onProfile = {
  params: byUsername,
  success: { status: 200, schema: 'ProfileResponse' },
  errors: [404],
} as const;

export const get = endpoint({ summary: 'Get a profile', ...onProfile });
export const follow = endpoint({ summary: 'Follow a user', ...onProfile });
export const unfollow = endpoint({ summary: 'Unfollow a user', ...onProfile });
