import type { z } from "zod";
import { and, auditEvents, gte, sql } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { auditConditions } from "./auditConditions";
import { DAY_MS, type dailyAuditCountsInput } from "./auditSchemas";

/**
 * Events per UTC day over the last `days` days (today included), zero-filled so a chart can
 * draw every day. Day buckets are computed in SQL by integer division, which ports to PostgreSQL.
 */
export function dailyAuditCounts(ctx: OrgAdminContext, input: z.infer<typeof dailyAuditCountsInput>) {
  const today = Math.floor(ctx.services.clock.now() / DAY_MS);
  const first = today - input.days + 1;
  // A literal divisor keeps the division integral (a bound JS number arrives as REAL).
  const day = sql<number>`cast(${auditEvents.createdAt} / ${sql.raw(String(DAY_MS))} as integer)`;
  const rows = ctx.services.db
    .select({
      day,
      success: sql<number>`sum(case when ${auditEvents.outcome} = 'success' then 1 else 0 end)`,
      failure: sql<number>`sum(case when ${auditEvents.outcome} = 'failure' then 1 else 0 end)`,
    })
    .from(auditEvents)
    .where(and(...auditConditions(ctx, input), gte(auditEvents.createdAt, first * DAY_MS)))
    .groupBy(day)
    .all();
  const byDay = new Map(rows.map((r) => [Number(r.day), r]));
  return Array.from({ length: input.days }, (_, i) => {
    const d = first + i;
    const r = byDay.get(d);
    const success = Number(r?.success ?? 0);
    const failure = Number(r?.failure ?? 0);
    return { date: new Date(d * DAY_MS).toISOString().slice(0, 10), success, failure, total: success + failure };
  });
}
