import type { z } from "zod";
import { and, desc, eq, gte, lt, lte, sql, type AuditEvent, type SQL } from "@latchkey/db";
import { decodeCursor, keysetPage } from "../../lib/keyset";
import type { OrgAdminContext } from "../../trpc";
import { auditConditions } from "./support/auditConditions";
import { auditEventView, boundMs, DAY_MS, type listAuditInput } from "./schemas";

type ListAuditInput = z.infer<typeof listAuditInput>;

/**
 * Newest first, keyset-paged. Two walks, chosen by the filters (the same for every page of a
 * query, so a cursor always meets the walk that made it):
 * - a date range and nothing narrower: by (created_at, id) down the (org, created_at, id)
 *   index, cursor `<created_at>.<id>`: a page costs an index seek, however many events the range
 *   holds;
 * - otherwise by id (cursor: the id), through the index of the narrowest filter (action, target,
 *   actor). With a date range too, the walk is bounded by the range's smallest and largest ids,
 *   read from the day counters (a few rows per day), not from the events.
 */
export async function listAuditEvents(ctx: OrgAdminContext, input: ListAuditInput) {
  const ranged = Boolean(input.from || input.to);
  const narrowed = Boolean(input.action || input.actorId || input.targetId);
  return ranged && !narrowed ? await byTime(ctx, input) : await byId(ctx, input, ranged);
}

async function page(ctx: OrgAdminContext, conds: SQL[], order: SQL[], limit: number, cursorOf: (e: AuditEvent) => string) {
  const { auditEvents } = ctx.services.database.tables;
  const { rows, nextCursor } = await keysetPage(
    limit,
    (take) =>
      ctx.services.database.db
        .select()
        .from(auditEvents)
        .where(and(...conds))
        .orderBy(...order)
        .limit(take),
    cursorOf,
  );
  return { items: rows.map(auditEventView), nextCursor };
}

async function byTime(ctx: OrgAdminContext, input: ListAuditInput) {
  const { auditEvents } = ctx.services.database.tables;
  const conds = auditConditions(ctx, input);
  const at = decodeCursor(input.cursor, 2);
  if (at) conds.push(sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (${at[0]}, ${at[1]})`);
  return await page(ctx, conds, [desc(auditEvents.createdAt), desc(auditEvents.id)], input.limit, (e) => `${e.createdAt}.${e.id}`);
}

async function byId(ctx: OrgAdminContext, input: ListAuditInput, ranged: boolean) {
  const { auditDailyCounts, auditEvents } = ctx.services.database.tables;
  const conds = auditConditions(ctx, input);
  if (ranged) {
    // Walking a filter's (org, …, id) index from the newest event would step over every newer
    // event first. The day counters of the range (and of the filter's action and outcome) hold
    // the smallest and largest id of their events: every event of the range lies between those,
    // whatever the clock did, so they bound the walk; auditConditions still checks each row.
    const c = auditDailyCounts;
    const days: SQL[] = [eq(c.orgGuid, ctx.org.guid)];
    if (input.from) days.push(gte(c.day, Math.floor(boundMs(input.from, false) / DAY_MS)));
    if (input.to) days.push(lte(c.day, Math.floor(boundMs(input.to, true) / DAY_MS)));
    if (input.action) days.push(eq(c.action, input.action));
    if (input.outcome) days.push(eq(c.outcome, input.outcome));
    const bounds = (
      await ctx.services.database.db
        .select({ lo: sql<number | null>`min(${c.minId})`, hi: sql<number | null>`max(${c.maxId})` })
        .from(c)
        .where(and(...days))
    )[0];
    if (!bounds || bounds.lo === null || bounds.hi === null) return { items: [], nextCursor: null };
    conds.push(gte(auditEvents.id, bounds.lo), lte(auditEvents.id, bounds.hi));
  }
  const before = decodeCursor(input.cursor, 1);
  if (before) conds.push(lt(auditEvents.id, before[0]!));
  return await page(ctx, conds, [desc(auditEvents.id)], input.limit, (e) => String(e.id));
}
