import type { Request, Response } from 'express';
import * as tagService from '../services/tag.service';

export async function list(_req: Request, res: Response) {
  res.json({ tags: await tagService.listTags() });
}
