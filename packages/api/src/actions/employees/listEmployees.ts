import type { z } from "zod";
import { and, asc, eq, gt, type SQL } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { employeeView, type listEmployeesInput } from "./schemas";
import { statusIs } from "./support/effectiveStatus";

export async function listEmployees(ctx: OrgAdminContext, input: z.infer<typeof listEmployeesInput>) {
  const { database } = ctx.services;
  const { employees } = database.tables;
  const where: SQL[] = [];
  if (input.role) where.push(eq(employees.role, input.role));
  const now = ctx.services.clock.now();
  if (input.status) where.push(statusIs(employees, input.status, now));
  const after = input.cursor === undefined ? NaN : Number(input.cursor);
  const afterId = Number.isSafeInteger(after) ? after : null;
  const limit = input.limit + 1;
  // A search term: name, email, username or phone containing it, through the dialect's index
  // (packages/db: bounded by this organization's own rows).
  const rows = input.search
    ? await database.searchEmployees(database.db, { orgGuid: ctx.org.guid, where, term: input.search, afterId, limit })
    : await database.db
        .select()
        .from(employees)
        .where(and(eq(employees.orgGuid, ctx.org.guid), ...where, afterId === null ? undefined : gt(employees.id, afterId)))
        .orderBy(asc(employees.id))
        .limit(limit);
  const more = rows.length > input.limit;
  const items = rows.slice(0, input.limit).map((e) => employeeView(e, now));
  return { items, nextCursor: more ? String(items[items.length - 1]!.id) : null };
}
