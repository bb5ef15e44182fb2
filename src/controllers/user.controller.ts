import * as s from '../endpoints/user.endpoints';
import { currentUserId } from '../middleware/auth';
import type { UserService } from '../services/user.service';
import { handle } from './handle';

export function createUserController(users: UserService) {
  return {
    register: handle(s.register, async ({ body }, _req, res) => {
      res.status(201).json({ user: await users.register(body.user) });
    }),

    login: handle(s.login, async ({ body }, _req, res) => {
      res.json({ user: await users.login(body.user) });
    }),

    current: handle(s.current, async (_input, req, res) => {
      res.json({ user: await users.current(currentUserId(req)) });
    }),

    update: handle(s.update, async ({ body }, req, res) => {
      res.json({ user: await users.update(currentUserId(req), body.user) });
    }),
  };
}
