import * as endpoints from '../endpoints/profile.endpoints';
import { actorIdOf, currentActor } from '../middleware/auth';
import type { ProfileService } from '../services/profile.service';
import { handle } from './handle';

export function createProfileController(profiles: ProfileService) {
  return {
    get: handle(endpoints.get, async ({ params }, req, res) => {
      res.json({ profile: await profiles.get(params.username, actorIdOf(req)) });
    }),

    follow: handle(endpoints.follow, async ({ params }, req, res) => {
      res.json({ profile: await profiles.follow(currentActor(req).id, params.username) });
    }),

    unfollow: handle(endpoints.unfollow, async ({ params }, req, res) => {
      res.json({ profile: await profiles.unfollow(currentActor(req).id, params.username) });
    }),
  };
}
