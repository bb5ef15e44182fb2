import * as endpoints from '../endpoints/admin.endpoints';
import { currentActor } from '../middleware/auth';
import type { AdminService } from '../services/admin.service';
import type { AuditService } from '../services/audit.service';
import { handle } from './handle';

export function createAdminController(admin: AdminService, audit: AuditService) {
  return {
    listUsers: handle(
      endpoints.listUsers,
      async ({ query: { sort, limit, offset, ...filter } }, _req, res) => {
        res.json(await admin.listUsers(filter, sort, { limit, offset }));
      },
    ),

    changeRole: handle(endpoints.changeRole, async ({ params, body }, req, res) => {
      res.json({ user: await admin.changeRole(currentActor(req), params.username, body.role) });
    }),

    ban: handle(endpoints.ban, async ({ params }, req, res) => {
      res.json({ user: await admin.setBanned(currentActor(req), params.username, true) });
    }),

    unban: handle(endpoints.unban, async ({ params }, req, res) => {
      res.json({ user: await admin.setBanned(currentActor(req), params.username, false) });
    }),

    auditLog: handle(endpoints.auditLog, async ({ query }, _req, res) => {
      res.json(await audit.list(query));
    }),
  };
}
