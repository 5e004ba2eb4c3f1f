import type { z } from "zod";
import { and, eq, outlets, type SQL } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { afterByName, byName } from "../../lib/nameKeyset";
import { contains } from "../../lib/search";
import { outletView, type listOutletsInput } from "./schemas";

export function listOutlets(ctx: OrgAdminContext, input: z.infer<typeof listOutletsInput>) {
  const conds: SQL[] = [eq(outlets.orgGuid, ctx.org.guid)];
  if (!input.includeArchived) conds.push(eq(outlets.archived, false));
  if (input.search) conds.push(contains(outlets.name, input.search));
  if (input.cursor) conds.push(afterByName(outlets, ctx.org.guid, input.cursor));
  const rows = ctx.services.db
    .select()
    .from(outlets)
    .where(and(...conds))
    .orderBy(...byName(outlets))
    .limit(input.limit + 1)
    .all();
  const items = rows.slice(0, input.limit).map(outletView);
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.guid : null };
}
