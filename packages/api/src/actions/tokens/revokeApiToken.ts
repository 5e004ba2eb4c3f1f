import type { z } from "zod";
import { and, apiTokens, eq, employees } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { notFound } from "../../errors";
import { audited } from "../../lib/audited";
import { tokenView, type apiTokenRef } from "./schemas";

export function revokeApiToken(ctx: OrgAdminContext, input: z.infer<typeof apiTokenRef>) {
  return audited(ctx, { action: "api_token.revoke", orgGuid: ctx.org.guid, targetType: "api_token", targetId: input.id }, (op) =>
    op.commit((tx) => {
      const row = tx
        .select({ t: apiTokens, employeeGuid: employees.guid })
        .from(apiTokens)
        .leftJoin(employees, eq(employees.id, apiTokens.employeeId))
        .where(and(eq(apiTokens.orgGuid, ctx.org.guid), eq(apiTokens.id, input.id)))
        .get();
      if (!row) throw notFound("API token");
      const revokedAt = row.t.revokedAt ?? ctx.services.clock.now();
      tx.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, row.t.id)).run();
      return tokenView({ ...row.t, revokedAt }, row.employeeGuid);
    }),
  );
}
