import type { z } from "zod";
import { eq } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { requireApiToken } from "../../lib/lookups";
import { tokenView, type keepApiTokenInput } from "./schemas";

/**
 * tokens.keep (owners only): a kept token survives its creator's archival, demotion and reset,
 * for a service that must keep running when the admin who set it up leaves. Audited either way.
 */
export async function keepApiToken(ctx: OrgAdminContext, input: z.infer<typeof keepApiTokenInput>) {
  const { apiTokens } = ctx.services.database.tables;
  return audited(
    ctx,
    { orgGuid: ctx.org.guid, targetType: "api_token", targetId: input.id },
    async (op) =>
      await op.commit(async (tx) => {
        const row = await requireApiToken(tx, ctx.org.guid, input.id);
        await tx.update(apiTokens).set({ keptByOwner: input.keep }).where(eq(apiTokens.id, row.t.id));
        return tokenView({ ...row.t, keptByOwner: input.keep }, row.employeeGuid);
      }),
  );
}
