import type { Request, Response } from 'express';
import { currentUserId } from '../middleware/auth';
import * as profileService from '../services/profile.service';

const usernameOf = (req: Request) => (req.validated.params as { username: string }).username;

export async function get(req: Request, res: Response) {
  res.json({ profile: await profileService.getProfile(usernameOf(req), req.auth?.id) });
}

export async function follow(req: Request, res: Response) {
  res.json({ profile: await profileService.followUser(currentUserId(req), usernameOf(req)) });
}

export async function unfollow(req: Request, res: Response) {
  res.json({ profile: await profileService.unfollowUser(currentUserId(req), usernameOf(req)) });
}
