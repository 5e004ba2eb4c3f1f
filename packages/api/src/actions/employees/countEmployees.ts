import type { z } from "zod";
import { eq, type SQL } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import type { countEmployeesInput } from "./schemas";
import { countUpTo } from "./support/countUpTo";
import { statusIs } from "./support/effectiveStatus";
import { assertSearchable } from "./support/searchTerm";

/**
 * Counting stops here (docs/API.md, employees.count): an unbounded count(*) over a million
 * employees held SQLite's event loop for every request of the process; up to this many is a
 * short walk of the (org, id) index.
 */
export const COUNT_CAP = 10_000;
/** A search counts its matches through the search index (as `employees.list` finds them), up to this many. */
export const SEARCH_COUNT_CAP = 1_000;

const capped = (n: number, cap: number) => ({ total: Math.min(n, cap), capped: n > cap });

/**
 * How many employees `employees.list` would page through with these filters (the console shows
 * the total): exact up to the cap; past it `total` is the cap and `capped` is true ("10,000+").
 */
export async function countEmployees(ctx: OrgAdminContext, input: z.infer<typeof countEmployeesInput>) {
  const { database } = ctx.services;
  const { employees } = database.tables;
  const where: SQL[] = [];
  if (input.role) where.push(eq(employees.role, input.role));
  if (input.status) where.push(statusIs(employees, ctx.org.guid, input.status, ctx.services.clock.now()));
  if (input.search) {
    await assertSearchable(database, ctx.org.guid, input.search);
    const found = await database.countEmployeeMatches(database.db, {
      orgGuid: ctx.org.guid,
      where,
      term: input.search,
      upTo: SEARCH_COUNT_CAP + 1,
    });
    return capped(found, SEARCH_COUNT_CAP);
  }
  return capped(await countUpTo(database, ctx.org.guid, where, COUNT_CAP + 1), COUNT_CAP);
}
