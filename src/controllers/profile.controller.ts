import * as s from '../endpoints/profile.endpoints';
import { currentUserId, viewerIdOf } from '../middleware/auth';
import type { ProfileService } from '../services/profile.service';
import { handle } from './handle';

export function createProfileController(profiles: ProfileService) {
  return {
    get: handle(s.get, async ({ params }, req, res) => {
      res.json({ profile: await profiles.get(params.username, viewerIdOf(req)) });
    }),

    follow: handle(s.follow, async ({ params }, req, res) => {
      res.json({ profile: await profiles.follow(currentUserId(req), params.username) });
    }),

    unfollow: handle(s.unfollow, async ({ params }, req, res) => {
      res.json({ profile: await profiles.unfollow(currentUserId(req), params.username) });
    }),
  };
}
