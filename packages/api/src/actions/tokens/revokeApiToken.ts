import type { z } from "zod";
import { and, eq } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { notFound } from "../../errors";
import { audited } from "../../lib/audited";
import { tokenView, type apiTokenRef } from "./schemas";

export async function revokeApiToken(ctx: OrgAdminContext, input: z.infer<typeof apiTokenRef>) {
  const { apiTokens, employees } = ctx.services.database.tables;
  return await audited(
    ctx,
    { orgGuid: ctx.org.guid, targetType: "api_token", targetId: input.id },
    async (op) =>
      await op.commit(async (tx) => {
        const row = (
          await tx
            .select({ t: apiTokens, employeeGuid: employees.guid })
            .from(apiTokens)
            .leftJoin(employees, eq(employees.id, apiTokens.employeeId))
            .where(and(eq(apiTokens.orgGuid, ctx.org.guid), eq(apiTokens.id, input.id)))
        )[0];
        if (!row) throw notFound("API token");
        const revokedAt = row.t.revokedAt ?? ctx.services.clock.now();
        await tx.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, row.t.id));
        return tokenView({ ...row.t, revokedAt }, row.employeeGuid);
      }),
  );
}
