import { Router } from 'express';
import { authorize } from '../middleware/auth';
import type { RouteDeps } from './index';

/** The admin API: users, roles, bans, and the audit log of those actions. */
export function adminRoutes({ auth, controllers: { admin } }: RouteDeps) {
  const router = Router();

  router.get('/users', auth.required, authorize('users:read'), admin.listUsers);
  router.put('/users/:username/role', auth.required, authorize('users:update-role'), admin.changeRole);
  router.post('/users/:username/ban', auth.required, authorize('users:ban'), admin.ban);
  router.delete('/users/:username/ban', auth.required, authorize('users:ban'), admin.unban);
  router.get('/audit-log', auth.required, authorize('audit-log:read'), admin.auditLog);

  return router;
}
