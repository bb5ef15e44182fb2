/** The audit log of admin actions: who, what, target, when, and the request id. */
import { AuditLog } from '../models';
import { getRequestId } from '../utils/request-context';
import type { Actor } from './permissions';

export async function recordAdminAction(
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
}

export async function listAuditLog(page: { limit: number; offset: number }) {
  const [entriesCount, entries] = await Promise.all([
    AuditLog.countDocuments(),
    AuditLog.find().sort({ createdAt: -1, _id: -1 }).skip(page.offset).limit(page.limit).lean(),
  ]);
  return {
    entries: entries.map((e) => ({
      id: e._id.toString(),
      actor: e.actorUsername,
      action: e.action,
      target: e.target,
      details: e.details ?? {},
      requestId: e.requestId ?? null,
      createdAt: (e.createdAt as Date).toISOString(),
    })),
    entriesCount,
  };
}
