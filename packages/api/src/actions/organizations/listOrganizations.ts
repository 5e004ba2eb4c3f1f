import type { z } from "zod";
import { and, asc, eq, gt, type SQL, containsIgnoringCase } from "@latchkey/db";
import type { Context } from "../../context";
import { orgView, type listOrganizationsInput } from "./schemas";

export async function listOrganizations(ctx: Context, input: z.infer<typeof listOrganizationsInput>) {
  const { organizations } = ctx.services.database.tables;
  const conds: SQL[] = [eq(organizations.system, false)];
  if (input.search) conds.push(containsIgnoringCase(organizations.name, input.search));
  if (input.archived !== undefined) conds.push(eq(organizations.archived, input.archived));
  if (input.cursor) conds.push(gt(organizations.alias, input.cursor));
  const rows = await ctx.services.database.db
    .select()
    .from(organizations)
    .where(and(...conds))
    .orderBy(asc(organizations.alias))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map(orgView);
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.alias : null };
}
