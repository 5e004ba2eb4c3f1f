import type { z } from "zod";
import { and, asc, employees, eq, gt, or, searchableByTrigram, searchEmployees, type SQL } from "@latchkey/db";
import { contains } from "../../lib/search";
import type { OrgAdminContext } from "../../trpc";
import { employeeView, type listEmployeesInput } from "./schemas";

export function listEmployees(ctx: OrgAdminContext, input: z.infer<typeof listEmployeesInput>) {
  const conds: SQL[] = [eq(employees.orgGuid, ctx.org.guid)];
  if (input.role) conds.push(eq(employees.role, input.role));
  if (input.status) conds.push(eq(employees.status, input.status));
  const after = input.cursor === undefined ? NaN : Number(input.cursor);
  const afterId = Number.isSafeInteger(after) ? after : null;
  const q = input.search;
  let rows;
  if (q && searchableByTrigram(q)) {
    // Name, email, username or phone containing the term, through the trigram index (packages/db/src/search.ts).
    rows = searchEmployees(ctx.services.db, { where: conds, term: q, afterId, limit: input.limit + 1 });
  } else {
    // Terms under 3 characters can not use the index: a scan that stops at the first page of matches.
    if (q)
      conds.push(
        or(contains(employees.searchText, q), contains(employees.email, q), contains(employees.username, q), contains(employees.phone, q))!,
      );
    if (afterId !== null) conds.push(gt(employees.id, afterId));
    rows = ctx.services.db
      .select()
      .from(employees)
      .where(and(...conds))
      .orderBy(asc(employees.id))
      .limit(input.limit + 1)
      .all();
  }
  const more = rows.length > input.limit;
  const items = rows.slice(0, input.limit).map(employeeView);
  return { items, nextCursor: more ? String(items[items.length - 1]!.id) : null };
}
