import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { outletView, type createOutletInput } from "./schemas";

export async function createOutlet(ctx: OrgAdminContext, input: z.infer<typeof createOutletInput>) {
  const { outlets } = ctx.services.database.tables;
  const guid = ctx.services.random.uuid();
  return await audited(ctx, { orgGuid: ctx.org.guid, targetType: "outlet", targetId: guid }, async (op) => {
    const now = ctx.services.clock.now();
    const row = await op.commit(
      async (tx) =>
        (
          await tx.insert(outlets).values({ guid, orgGuid: ctx.org.guid, name: input.name, createdAt: now, updatedAt: now }).returning()
        )[0]!,
    );
    return outletView(row);
  });
}
