import type { z } from "zod";
import { and, desc, eq, isNull } from "@latchkey/db";
import { requireEmployee } from "../../lib/lookups";
import type { OrgAdminContext } from "../../trpc";
import { tokenView } from "../tokens/schemas";
import type { employeeRef } from "./schemas";

/** The API tokens acting as the employee that still work (not revoked), newest first. */
export async function listEmployeeTokens(ctx: OrgAdminContext, input: z.infer<typeof employeeRef>) {
  const { apiTokens } = ctx.services.database.tables;
  const employee = await requireEmployee(ctx.services.database.db, ctx.org.guid, input.guid);
  const rows = await ctx.services.database.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.orgGuid, ctx.org.guid), eq(apiTokens.employeeId, employee.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt))
    .limit(100);
  return rows.map((t) => tokenView(t, employee.guid));
}
