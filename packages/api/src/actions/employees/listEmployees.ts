import type { z } from "zod";
import { and, asc, employees, eq, gt, or, type SQL } from "@latchkey/db";
import { contains } from "../../lib/search";
import type { OrgAdminContext } from "../../trpc";
import { employeeView, type listEmployeesInput } from "../../schemas/employees";

export function listEmployees(ctx: OrgAdminContext, input: z.infer<typeof listEmployeesInput>) {
  const conds: (SQL | undefined)[] = [eq(employees.orgGuid, ctx.org.guid)];
  if (input.role) conds.push(eq(employees.role, input.role));
  if (input.status) conds.push(eq(employees.status, input.status));
  if (input.search) {
    const q = input.search;
    conds.push(
      or(contains(employees.searchText, q), contains(employees.email, q), contains(employees.username, q), contains(employees.phone, q)),
    );
  }
  const after = input.cursor === undefined ? NaN : Number(input.cursor);
  if (Number.isSafeInteger(after)) conds.push(gt(employees.id, after));
  const rows = ctx.services.db
    .select()
    .from(employees)
    .where(and(...conds))
    .orderBy(asc(employees.id))
    .limit(input.limit + 1)
    .all();
  const more = rows.length > input.limit;
  const items = rows.slice(0, input.limit).map(employeeView);
  return { items, nextCursor: more ? String(items[items.length - 1]!.id) : null };
}
