import { byUsername } from './common';
import { endpoint } from './endpoint';

/** Every profile endpoint takes a username and answers the profile (404 when unknown). */
const onProfile = {
  params: byUsername,
  success: { status: 200, schema: 'ProfileResponse' },
  errors: [404],
} as const;

export const get = endpoint({
  summary: 'Get a profile',
  description:
    "A user's public fields; `following` is yours when signed in. Usually answered from the read cache.",
  ...onProfile,
});
export const follow = endpoint({
  summary: 'Follow a user',
  description:
    'Idempotent: following twice leaves one follow. Notifies the user. Their articles appear in your feed at once.',
  ...onProfile,
});
export const unfollow = endpoint({
  summary: 'Unfollow a user',
  description: 'Idempotent. Their articles leave your feed at once.',
  ...onProfile,
});
