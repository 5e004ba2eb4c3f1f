import type { z } from "zod";
import { and, asc, eq, gt, type SQL, containsIgnoringCase } from "@latchkey/db";
import type { Context } from "../../context";
import { keysetPage } from "../../lib/keyset";
import { orgView, type listOrganizationsInput } from "./schemas";

export async function listOrganizations(ctx: Context, input: z.infer<typeof listOrganizationsInput>) {
  const { organizations } = ctx.services.database.tables;
  const conds: SQL[] = [eq(organizations.system, false)];
  if (input.search) conds.push(containsIgnoringCase(organizations.name, input.search));
  if (input.archived !== undefined) conds.push(eq(organizations.archived, input.archived));
  if (input.cursor) conds.push(gt(organizations.alias, input.cursor));
  // Aliases are unique: the last alias of a page is the whole key.
  const { rows, nextCursor } = await keysetPage(
    input.limit,
    (limit) =>
      ctx.services.database.db
        .select()
        .from(organizations)
        .where(and(...conds))
        .orderBy(asc(organizations.alias))
        .limit(limit),
    (o) => o.alias,
  );
  return { items: rows.map(orgView), nextCursor };
}
