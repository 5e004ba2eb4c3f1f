import type { z } from "zod";
import { eq } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { requireApiToken } from "../../lib/lookups";
import { tokenView, type apiTokenRef } from "./schemas";

export async function revokeApiToken(ctx: OrgAdminContext, input: z.infer<typeof apiTokenRef>) {
  const { apiTokens } = ctx.services.database.tables;
  return await audited(
    ctx,
    { orgGuid: ctx.org.guid, targetType: "api_token", targetId: input.id },
    async (op) =>
      await op.commit(async (tx) => {
        const row = await requireApiToken(tx, ctx.org.guid, input.id);
        const revokedAt = row.t.revokedAt ?? ctx.services.clock.now();
        await tx.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, row.t.id));
        return tokenView({ ...row.t, revokedAt }, row.employeeGuid);
      }),
  );
}
