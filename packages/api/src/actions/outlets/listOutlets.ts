import type { z } from "zod";
import { and, eq, type SQL, containsIgnoringCase } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { afterByName, byName, keysetPage } from "../../lib/keyset";
import { outletView, type listOutletsInput } from "./schemas";

export async function listOutlets(ctx: OrgAdminContext, input: z.infer<typeof listOutletsInput>) {
  const { outlets } = ctx.services.database.tables;
  const conds: SQL[] = [eq(outlets.orgGuid, ctx.org.guid)];
  if (!input.includeArchived) conds.push(eq(outlets.archived, false));
  if (input.search) conds.push(containsIgnoringCase(outlets.name, input.search));
  if (input.cursor) conds.push(afterByName(outlets, ctx.org.guid, input.cursor));
  const { rows, nextCursor } = await keysetPage(
    input.limit,
    (limit) =>
      ctx.services.database.db
        .select()
        .from(outlets)
        .where(and(...conds))
        .orderBy(...byName(outlets))
        .limit(limit),
    (o) => o.guid,
  );
  return { items: rows.map(outletView), nextCursor };
}
