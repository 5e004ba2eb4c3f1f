import type { z } from "zod";
import { and, eq, or, sql, type SQL, containsIgnoringCase } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import type { countEmployeesInput } from "./schemas";
import { statusIs } from "./support/effectiveStatus";

/** How many employees `employees.list` would page through with these filters (the console shows the total). */
export async function countEmployees(ctx: OrgAdminContext, input: z.infer<typeof countEmployeesInput>) {
  const { employees } = ctx.services.database.tables;
  const conds: SQL[] = [eq(employees.orgGuid, ctx.org.guid)];
  if (input.role) conds.push(eq(employees.role, input.role));
  if (input.status) conds.push(statusIs(employees, input.status, ctx.services.clock.now()));
  const q = input.search;
  if (q)
    conds.push(
      or(
        containsIgnoringCase(employees.searchText, q),
        containsIgnoringCase(employees.email, q),
        containsIgnoringCase(employees.username, q),
        containsIgnoringCase(employees.phone, q),
      )!,
    );
  const [row] = await ctx.services.database.db
    .select({ n: sql<number>`count(*)` })
    .from(employees)
    .where(and(...conds));
  return { total: row?.n ?? 0 };
}
