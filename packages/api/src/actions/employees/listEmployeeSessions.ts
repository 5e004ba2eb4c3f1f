import type { z } from "zod";
import { and, desc, eq, gt, isNull } from "@latchkey/db";
import { iso } from "../../fields";
import { requireEmployee } from "../../lib/lookups";
import type { OrgAdminContext } from "../../trpc";
import type { employeeRef } from "./schemas";

/** The employee's live web sessions, most recently used first (what `me.sessions` shows them). */
export async function listEmployeeSessions(ctx: OrgAdminContext, input: z.infer<typeof employeeRef>) {
  const { sessions } = ctx.services.database.tables;
  const employee = await requireEmployee(ctx.services.database.db, ctx.org.guid, input.guid);
  const now = ctx.services.clock.now();
  const rows = await ctx.services.database.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.employeeId, employee.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(100);
  return rows.map((s) => ({
    id: s.id,
    restricted: s.restricted,
    ip: s.ip,
    userAgent: s.userAgent,
    createdAt: iso(s.createdAt)!,
    lastSeenAt: iso(s.lastSeenAt)!,
    expiresAt: iso(s.expiresAt)!,
  }));
}
