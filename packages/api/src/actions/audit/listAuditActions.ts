import { asc, eq } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";

/**
 * The actions the organization's log holds, for the console's action filter. Read from the day
 * counters (one row per day, action and outcome), not from the events.
 */
export async function listAuditActions(ctx: OrgAdminContext): Promise<string[]> {
  const { auditDailyCounts } = ctx.services.database.tables;
  const rows = await ctx.services.database.db
    .selectDistinct({ action: auditDailyCounts.action })
    .from(auditDailyCounts)
    .where(eq(auditDailyCounts.orgGuid, ctx.org.guid))
    .orderBy(asc(auditDailyCounts.action));
  return rows.map((r) => r.action);
}
