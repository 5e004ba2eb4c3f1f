import type { z } from "zod";
import { and, between, eq, gte, sql, type SQL } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { auditConditions } from "./support/auditConditions";
import { boundMs, DAY_MS, type dailyAuditCountsInput } from "./schemas";

type DailyCountsInput = z.infer<typeof dailyAuditCountsInput>;
interface DayRow {
  day: number;
  success: number;
  failure: number;
}

/**
 * Events per UTC day over the last `days` days (today included), zero-filled so a chart can
 * draw every day. Filters the counters table can answer (action, outcome, whole-day bounds) read
 * `audit_daily_counts`; an actor, a target or a bound inside a day counts the events themselves.
 */
export async function dailyAuditCounts(ctx: OrgAdminContext, input: DailyCountsInput) {
  const today = Math.floor(ctx.services.clock.now() / DAY_MS);
  const first = today - input.days + 1;
  const rows = fromCounters(input) ? await countedDays(ctx, input, first, today) : await scannedDays(ctx, input, first);
  const byDay = new Map(rows.map((r) => [Number(r.day), r]));
  return Array.from({ length: input.days }, (_, i) => {
    const d = first + i;
    const r = byDay.get(d);
    const success = Number(r?.success ?? 0);
    const failure = Number(r?.failure ?? 0);
    return { date: new Date(d * DAY_MS).toISOString().slice(0, 10), success, failure, total: success + failure };
  });
}

/** Whether every filter is a column of the counters, with bounds on day boundaries. */
function fromCounters(input: DailyCountsInput): boolean {
  if (input.actorId || input.targetId) return false;
  if (input.from && boundMs(input.from, false) % DAY_MS !== 0) return false;
  if (input.to && (boundMs(input.to, true) + 1) % DAY_MS !== 0) return false;
  return true;
}

async function countedDays(ctx: OrgAdminContext, input: DailyCountsInput, first: number, last: number): Promise<DayRow[]> {
  const { auditDailyCounts } = ctx.services.database.tables;
  const c = auditDailyCounts;
  const lo = input.from ? Math.max(first, boundMs(input.from, false) / DAY_MS) : first;
  const hi = input.to ? Math.min(last, (boundMs(input.to, true) + 1) / DAY_MS - 1) : last;
  const conds: SQL[] = [eq(c.orgGuid, ctx.org.guid), between(c.day, lo, hi)];
  if (input.action) conds.push(eq(c.action, input.action));
  if (input.outcome) conds.push(eq(c.outcome, input.outcome));
  return await ctx.services.database.db
    .select({
      day: c.day,
      success: sql<number>`sum(case when ${c.outcome} = 'success' then ${c.count} else 0 end)`,
      failure: sql<number>`sum(case when ${c.outcome} = 'failure' then ${c.count} else 0 end)`,
    })
    .from(c)
    .where(and(...conds))
    .groupBy(c.day);
}

async function scannedDays(ctx: OrgAdminContext, input: DailyCountsInput, first: number): Promise<DayRow[]> {
  const { auditEvents } = ctx.services.database.tables;
  // A literal divisor keeps the division integral (a bound JS number arrives as REAL).
  const day = sql<number>`cast(${auditEvents.createdAt} / ${sql.raw(String(DAY_MS))} as integer)`;
  return await ctx.services.database.db
    .select({
      day,
      success: sql<number>`sum(case when ${auditEvents.outcome} = 'success' then 1 else 0 end)`,
      failure: sql<number>`sum(case when ${auditEvents.outcome} = 'failure' then 1 else 0 end)`,
    })
    .from(auditEvents)
    .where(and(...auditConditions(ctx, input), gte(auditEvents.createdAt, first * DAY_MS)))
    .groupBy(day);
}
