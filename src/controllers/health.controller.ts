import type { Request, Response } from 'express';
import * as healthService from '../services/health.service';

export function live(_req: Request, res: Response) {
  res.json(healthService.getLiveness());
}

export async function ready(_req: Request, res: Response) {
  res.set('Cache-Control', 'no-store').json(await healthService.getReadiness());
}
