import type { z } from "zod";
import { and, auditEvents, desc, gte, lt, lte, sql } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { auditConditions } from "./auditConditions";
import { auditEventView, type listAuditInput } from "./auditSchemas";

/** Newest first; `cursor` is the id of the last event of the previous page (keyset, by id desc). */
export function listAuditEvents(ctx: OrgAdminContext, input: z.infer<typeof listAuditInput>) {
  const conds = auditConditions(ctx, input);
  if (input.from || input.to) {
    // Pages walk the (org, id) index from the newest event; with a date range that would step
    // over every newer event first (millions, weeks back). The range's smallest and largest ids,
    // read from the (org, created_at, id) index, bound the walk. Exact whatever the clock did:
    // every event in the range has an id between those two.
    const bounds = ctx.services.db
      .select({ lo: sql<number | null>`min(${auditEvents.id})`, hi: sql<number | null>`max(${auditEvents.id})` })
      .from(auditEvents)
      .where(and(...auditConditions(ctx, { from: input.from, to: input.to })))
      .get();
    if (!bounds || bounds.lo === null || bounds.hi === null) return { items: [], nextCursor: null };
    conds.push(gte(auditEvents.id, bounds.lo), lte(auditEvents.id, bounds.hi));
  }
  const before = input.cursor === undefined ? NaN : Number(input.cursor);
  if (Number.isSafeInteger(before)) conds.push(lt(auditEvents.id, before));
  const rows = ctx.services.db
    .select()
    .from(auditEvents)
    .where(and(...conds))
    .orderBy(desc(auditEvents.id))
    .limit(input.limit + 1)
    .all();
  const items = rows.slice(0, input.limit).map(auditEventView);
  return { items, nextCursor: rows.length > input.limit ? String(items[items.length - 1]!.id) : null };
}
