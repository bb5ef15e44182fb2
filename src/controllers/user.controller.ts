import * as endpoints from '../endpoints/user.endpoints';
import { currentActor } from '../middleware/auth';
import type { UserService } from '../services/user.service';
import { handle } from './handle';

export function createUserController(users: UserService) {
  return {
    register: handle(endpoints.register, async ({ body }, _req, res) => {
      res.status(201).json({ user: await users.register(body.user) });
    }),

    login: handle(endpoints.login, async ({ body }, _req, res) => {
      res.json({ user: await users.login(body.user) });
    }),

    current: handle(endpoints.current, async (_input, req, res) => {
      res.json({ user: await users.current(currentActor(req).id) });
    }),

    update: handle(endpoints.update, async ({ body }, req, res) => {
      res.json({ user: await users.update(currentActor(req).id, body.user) });
    }),
  };
}
