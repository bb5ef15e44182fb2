import { Router } from 'express';
import { authorize } from '../middleware/auth';
import type { RouteDeps } from './index';

/** The admin API: users, roles, bans, and the audit log of those actions. */
export function adminRoutes({ auth, controllers: { admin: c } }: RouteDeps) {
  const router = Router();

  router.get('/users', auth.required, authorize('users:read'), c.listUsers);
  router.put('/users/:username/role', auth.required, authorize('users:update-role'), c.changeRole);
  router.post('/users/:username/ban', auth.required, authorize('users:ban'), c.ban);
  router.delete('/users/:username/ban', auth.required, authorize('users:ban'), c.unban);
  router.get('/audit-log', auth.required, authorize('audit-log:read'), c.auditLog);

  return router;
}
