import type { z } from "zod";
import { and, employees, eq, or, sql, type SQL } from "@latchkey/db";
import { contains } from "../../lib/search";
import type { OrgAdminContext } from "../../trpc";
import type { countEmployeesInput } from "./schemas";

/** How many employees `employees.list` would page through with these filters (the console shows the total). */
export async function countEmployees(ctx: OrgAdminContext, input: z.infer<typeof countEmployeesInput>) {
  const conds: SQL[] = [eq(employees.orgGuid, ctx.org.guid)];
  if (input.role) conds.push(eq(employees.role, input.role));
  if (input.status) conds.push(eq(employees.status, input.status));
  const q = input.search;
  if (q)
    conds.push(
      or(contains(employees.searchText, q), contains(employees.email, q), contains(employees.username, q), contains(employees.phone, q))!,
    );
  const [row] = await ctx.services.db
    .select({ n: sql<number>`count(*)` })
    .from(employees)
    .where(and(...conds));
  return { total: row?.n ?? 0 };
}
