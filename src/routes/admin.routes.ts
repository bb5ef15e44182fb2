import { Router } from 'express';
import * as adminController from '../controllers/admin.controller';
import { auth, authorize } from '../middleware/auth';
import { validate } from '../middleware/validate';
import * as adminSchemas from '../validations/admin.validation';

/** The admin API: users, roles, bans, and the audit log of those actions. */
export const adminRouter = Router();

adminRouter.get('/users', auth.required, authorize('users:read'), validate(adminSchemas.listUsers), adminController.listUsers);
adminRouter.put(
  '/users/:username/role',
  auth.required,
  authorize('users:update-role'),
  validate(adminSchemas.changeRole),
  adminController.changeRole,
);
adminRouter.post('/users/:username/ban', auth.required, authorize('users:ban'), validate(adminSchemas.ban), adminController.ban);
adminRouter.delete('/users/:username/ban', auth.required, authorize('users:ban'), validate(adminSchemas.ban), adminController.unban);
adminRouter.get('/audit-log', auth.required, authorize('audit-log:read'), validate(adminSchemas.auditLog), adminController.auditLog);
