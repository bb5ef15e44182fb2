import * as s from '../endpoints/admin.endpoints';
import { authorize } from '../middleware/auth';
import { validate } from '../middleware/validate';
import { documentedRouter } from './documented-router';
import type { RouteDeps } from './index';

/** The admin API: users, roles, bans, and the audit log of those actions. */
export function adminRoutes({ auth, controllers: { admin: c } }: RouteDeps) {
  const router = documentedRouter();

  router.get('/users', auth.required, authorize('users:read'), validate(s.listUsers), c.listUsers);
  router.put('/users/:username/role', auth.required, authorize('users:update-role'), validate(s.changeRole), c.changeRole);
  router.post('/users/:username/ban', auth.required, authorize('users:ban'), validate(s.ban), c.ban);
  router.delete('/users/:username/ban', auth.required, authorize('users:ban'), validate(s.unban), c.unban);
  router.get('/audit-log', auth.required, authorize('audit-log:read'), validate(s.auditLog), c.auditLog);

  return router;
}
