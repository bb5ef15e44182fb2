/** The audit log of admin actions: who, what, target, when, and the request id. */
import type { Actor } from '../domain/permissions';
import { AuditLog } from '../models';
import { findPage, type Page } from '../queries/page';
import { getRequestId } from '../utils/request-context';

export function createAuditService() {
  return {
    async record(
      actor: Actor & { username: string },
      action: string,
      target: string,
      details: Record<string, unknown> = {},
    ) {
      await AuditLog.create({
        actor: actor.id,
        actorUsername: actor.username,
        action,
        target,
        details,
        requestId: getRequestId() ?? null,
      });
    },

    async list(page: Page) {
      const { items, total } = await findPage(AuditLog, {}, page, (query) =>
        query.sort({ createdAt: -1, _id: -1 }).lean(),
      );
      return {
        entries: items.map((e) => ({
          id: e._id.toString(),
          actor: e.actorUsername,
          action: e.action,
          target: e.target,
          details: e.details ?? {},
          requestId: e.requestId ?? null,
          createdAt: e.createdAt.toISOString(),
        })),
        entriesCount: total,
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
