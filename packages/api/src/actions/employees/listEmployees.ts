import type { z } from "zod";
import { and, asc, eq, gt, type SQL } from "@latchkey/db";
import { integerCursor, keysetPage } from "../../lib/keyset";
import type { OrgAdminContext } from "../../trpc";
import { employeeView, type listEmployeesInput } from "./schemas";
import { statusIs } from "./support/effectiveStatus";
import { assertSearchable } from "./support/searchTerm";

export async function listEmployees(ctx: OrgAdminContext, input: z.infer<typeof listEmployeesInput>) {
  const { database } = ctx.services;
  const { employees } = database.tables;
  const where: SQL[] = [];
  if (input.role) where.push(eq(employees.role, input.role));
  const now = ctx.services.clock.now();
  if (input.status) where.push(statusIs(employees, ctx.org.guid, input.status, now));
  if (input.search) await assertSearchable(database, ctx.org.guid, input.search);
  const afterId = integerCursor(input.cursor);
  const { rows, nextCursor } = await keysetPage(
    input.limit,
    async (limit) =>
      // A search term: name, email, username or phone containing it, through the dialect's index
      // (packages/db: bounded by this organization's own rows).
      input.search
        ? await database.searchEmployees(database.db, { orgGuid: ctx.org.guid, where, term: input.search, afterId, limit })
        : await database.db
            .select()
            .from(employees)
            .where(and(eq(employees.orgGuid, ctx.org.guid), ...where, afterId === null ? undefined : gt(employees.id, afterId)))
            .orderBy(asc(employees.id))
            .limit(limit),
    (e) => String(e.id),
  );
  return { items: rows.map((e) => employeeView(e, now)), nextCursor };
}
