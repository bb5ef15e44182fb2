import type { Request, Response } from 'express';
import { currentUserId } from '../middleware/auth';
import * as accountService from '../services/account.service';
import * as userService from '../services/user.service';
import { mailerOf } from './app-context';

export async function register(req: Request, res: Response) {
  const { user } = req.validated.body as { user: userService.RegisterInput };
  const created = await userService.registerUser(user);
  await accountService.trySendVerificationEmail(created.email, mailerOf(req));
  res.status(201).json({ user: created });
}

export async function login(req: Request, res: Response) {
  const { user } = req.validated.body as { user: { email: string; password: string } };
  res.json({ user: await userService.loginUser(user.email, user.password) });
}

export async function getCurrent(req: Request, res: Response) {
  res.json({ user: await userService.getCurrentUser(currentUserId(req)) });
}

export async function updateCurrent(req: Request, res: Response) {
  const { user } = req.validated.body as { user: userService.UpdateUserInput };
  res.json({ user: await userService.updateCurrentUser(currentUserId(req), user) });
}
