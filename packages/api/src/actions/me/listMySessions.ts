import { and, desc, eq, gt, isNull } from "@latchkey/db";
import type { SignedInContext } from "../../trpc";
import { iso } from "../../fields";
import { employeeOf, sessionIdOf } from "../../lib/principal";

export async function listMySessions(ctx: SignedInContext) {
  const { sessions } = ctx.services.database.tables;
  const employee = employeeOf(ctx.principal);
  if (!employee) return [];
  const now = ctx.services.clock.now();
  return (
    await ctx.services.database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.employeeId, employee.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .orderBy(desc(sessions.lastSeenAt))
      .limit(100)
  ).map((s) => ({
    id: s.id,
    current: s.id === sessionIdOf(ctx.principal),
    ip: s.ip,
    userAgent: s.userAgent,
    createdAt: iso(s.createdAt)!,
    lastSeenAt: iso(s.lastSeenAt)!,
  }));
}
