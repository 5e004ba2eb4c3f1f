import type { z } from "zod";
import { and, eq, type SQL, containsIgnoringCase } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { afterByName, byName, keysetPage } from "../../lib/keyset";
import { workplaceView, type listWorkplacesInput } from "./schemas";

export async function listWorkplaces(ctx: OrgAdminContext, input: z.infer<typeof listWorkplacesInput>) {
  const { employees, workplaces } = ctx.services.database.tables;
  const conds: SQL[] = [eq(workplaces.orgGuid, ctx.org.guid)];
  if (!input.includeArchived) conds.push(eq(workplaces.archived, false));
  if (input.outletGuid) conds.push(eq(workplaces.outletGuid, input.outletGuid));
  if (input.search) conds.push(containsIgnoringCase(workplaces.name, input.search));
  if (input.cursor) conds.push(afterByName(workplaces, ctx.org.guid, input.cursor));
  const { rows, nextCursor } = await keysetPage(
    input.limit,
    (limit) =>
      ctx.services.database.db
        .select({ w: workplaces, byGuid: employees.guid, byName: employees.displayName })
        .from(workplaces)
        .leftJoin(employees, eq(employees.id, workplaces.activatedByEmployeeId))
        .where(and(...conds))
        .orderBy(...byName(workplaces))
        .limit(limit),
    (r) => r.w.guid,
  );
  const items = rows.map((r) => workplaceView(r.w, r.byGuid && r.byName ? { guid: r.byGuid, displayName: r.byName } : null));
  return { items, nextCursor };
}
