import { eq, gte, lte, type SQL } from "@latchkey/db";
import type { OrgAdminContext } from "../../../trpc";
import { boundMs } from "../schemas";

export interface AuditFilterValues {
  action?: string | undefined;
  actorId?: string | undefined;
  targetId?: string | undefined;
  outcome?: "success" | "failure" | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The WHERE of every audit query: always scoped to the organization acted in. */
export function auditConditions(ctx: OrgAdminContext, f: AuditFilterValues): SQL[] {
  const { auditEvents } = ctx.services.database.tables;
  const conds: SQL[] = [eq(auditEvents.orgGuid, ctx.org.guid)];
  if (f.action) conds.push(eq(auditEvents.action, f.action));
  if (f.actorId) conds.push(eq(auditEvents.actorId, f.actorId));
  if (f.targetId) conds.push(eq(auditEvents.targetId, f.targetId));
  if (f.outcome) conds.push(eq(auditEvents.outcome, f.outcome));
  if (f.from) conds.push(gte(auditEvents.createdAt, boundMs(f.from, false)));
  if (f.to) conds.push(lte(auditEvents.createdAt, boundMs(f.to, true)));
  return conds;
}
