import type { z } from "zod";
import { aliasedTable, and, desc, eq, isNull, lt, type SQL } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { integerCursor, keysetPage } from "../../lib/keyset";
import { tokenView, type listApiTokensInput } from "./schemas";

export async function listApiTokens(ctx: OrgAdminContext, input: z.infer<typeof listApiTokensInput>) {
  const { apiTokens, employees } = ctx.services.database.tables;
  const creators = aliasedTable(employees, "creators");
  const conds: SQL[] = [eq(apiTokens.orgGuid, ctx.org.guid)];
  if (!input.includeRevoked) conds.push(isNull(apiTokens.revokedAt));
  // Newest first: the cursor is the creation time of the previous page's last token (an empty
  // cursor is none).
  const before = input.cursor ? integerCursor(input.cursor) : null;
  if (before !== null) conds.push(lt(apiTokens.createdAt, before));
  const { rows, nextCursor } = await keysetPage(
    input.limit,
    (limit) =>
      ctx.services.database.db
        .select({ t: apiTokens, employeeGuid: employees.guid, creatorGuid: creators.guid, creatorName: creators.displayName })
        .from(apiTokens)
        .leftJoin(employees, eq(employees.id, apiTokens.employeeId))
        .leftJoin(creators, eq(creators.id, apiTokens.createdByEmployeeId))
        .where(and(...conds))
        .orderBy(desc(apiTokens.createdAt))
        .limit(limit),
    (r) => String(r.t.createdAt),
  );
  return {
    items: rows.map((r) =>
      tokenView(
        r.t,
        r.employeeGuid,
        r.creatorGuid !== null && r.creatorName !== null ? { guid: r.creatorGuid, displayName: r.creatorName } : null,
      ),
    ),
    nextCursor,
  };
}
