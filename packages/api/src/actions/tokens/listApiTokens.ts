import type { z } from "zod";
import { aliasedTable, and, desc, eq, isNull, lt, type SQL } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { tokenView, type listApiTokensInput } from "./schemas";

export async function listApiTokens(ctx: OrgAdminContext, input: z.infer<typeof listApiTokensInput>) {
  const { apiTokens, employees } = ctx.services.database.tables;
  const creators = aliasedTable(employees, "creators");
  const conds: SQL[] = [eq(apiTokens.orgGuid, ctx.org.guid)];
  if (!input.includeRevoked) conds.push(isNull(apiTokens.revokedAt));
  const before = Number(input.cursor);
  if (input.cursor && Number.isSafeInteger(before)) conds.push(lt(apiTokens.createdAt, before));
  const rows = await ctx.services.database.db
    .select({ t: apiTokens, employeeGuid: employees.guid, creatorGuid: creators.guid, creatorName: creators.displayName })
    .from(apiTokens)
    .leftJoin(employees, eq(employees.id, apiTokens.employeeId))
    .leftJoin(creators, eq(creators.id, apiTokens.createdByEmployeeId))
    .where(and(...conds))
    .orderBy(desc(apiTokens.createdAt))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) =>
      tokenView(
        r.t,
        r.employeeGuid,
        r.creatorGuid !== null && r.creatorName !== null ? { guid: r.creatorGuid, displayName: r.creatorName } : null,
      ),
    ),
    nextCursor: rows.length > input.limit ? String(page[page.length - 1]!.t.createdAt) : null,
  };
}
