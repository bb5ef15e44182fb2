import { byUsername } from './common';
import { endpoint } from './endpoint';

export const get = endpoint({
  summary: 'Get a profile',
  params: byUsername,
  success: { status: 200, schema: 'ProfileResponse' },
  errors: [404],
});

export const follow = endpoint({
  summary: 'Follow a user',
  params: byUsername,
  success: { status: 200, schema: 'ProfileResponse' },
  errors: [404],
});

export const unfollow = endpoint({
  summary: 'Unfollow a user',
  params: byUsername,
  success: { status: 200, schema: 'ProfileResponse' },
  errors: [404],
});
