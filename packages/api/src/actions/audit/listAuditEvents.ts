import type { z } from "zod";
import { and, auditEvents, desc, lt } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { auditConditions } from "./auditConditions";
import { auditEventView, type listAuditInput } from "./auditSchemas";

/** Newest first; `cursor` is the id of the last event of the previous page (keyset, by id desc). */
export function listAuditEvents(ctx: OrgAdminContext, input: z.infer<typeof listAuditInput>) {
  const conds = auditConditions(ctx, input);
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
