import type { z } from "zod";
import { and, apiTokens, desc, eq, isNull } from "@latchkey/db";
import { getEmployee } from "../../lib/lookups";
import type { OrgAdminContext } from "../../trpc";
import { tokenView } from "../tokens/schemas";
import type { employeeRef } from "./schemas";

/** The API tokens acting as the employee that still work (not revoked), newest first. */
export async function listEmployeeTokens(ctx: OrgAdminContext, input: z.infer<typeof employeeRef>) {
  const employee = getEmployee(ctx.services.db, ctx.org.guid, input.guid);
  const rows = await ctx.services.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.orgGuid, ctx.org.guid), eq(apiTokens.employeeId, employee.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt))
    .limit(100);
  return rows.map((t) => tokenView(t, employee.guid));
}
