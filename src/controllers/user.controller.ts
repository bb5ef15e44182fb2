import type { Request, Response } from 'express';
import { currentUserId } from '../middleware/auth';
import * as userService from '../services/user.service';

export async function register(req: Request, res: Response) {
  const { user } = req.validated.body as { user: userService.RegisterInput };
  res.status(201).json({ user: await userService.registerUser(user) });
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
