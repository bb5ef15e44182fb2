import type { Request, Response } from 'express';
import { currentActor } from '../middleware/auth';
import type { Role } from '../services/permissions';
import * as adminService from '../services/admin.service';
import * as auditService from '../services/audit.service';

const usernameOf = (req: Request) => (req.validated.params as { username: string }).username;

export async function listUsers(req: Request, res: Response) {
  res.json(
    await adminService.listUsers(req.validated.query as unknown as adminService.UserListQuery),
  );
}

export async function changeRole(req: Request, res: Response) {
  const { role } = req.validated.body as { role: Role };
  res.json({ user: await adminService.changeRole(currentActor(req), usernameOf(req), role) });
}

export async function ban(req: Request, res: Response) {
  res.json({ user: await adminService.setBanned(currentActor(req), usernameOf(req), true) });
}

export async function unban(req: Request, res: Response) {
  res.json({ user: await adminService.setBanned(currentActor(req), usernameOf(req), false) });
}

export async function auditLog(req: Request, res: Response) {
  res.json(
    await auditService.listAuditLog(req.validated.query as { limit: number; offset: number }),
  );
}
