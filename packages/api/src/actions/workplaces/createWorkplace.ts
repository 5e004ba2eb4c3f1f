// A new workplace is `pending` until a device redeems an activation code for it.
import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { workplaceView, type createWorkplaceInput } from "./schemas";
import { liveOutlet } from "./support/liveOutlet";

export async function createWorkplace(ctx: OrgAdminContext, input: z.infer<typeof createWorkplaceInput>) {
  const { workplaces } = ctx.services.database.tables;
  const guid = ctx.services.random.uuid();
  return await audited(
    ctx,
    { orgGuid: ctx.org.guid, targetType: "workplace", targetId: guid },
    async (op) =>
      await op.commit(async (tx) => {
        await liveOutlet(ctx, tx, input.outletGuid);
        const now = ctx.services.clock.now();
        const row = (
          await tx
            .insert(workplaces)
            .values({ guid, orgGuid: ctx.org.guid, outletGuid: input.outletGuid, name: input.name, createdAt: now, updatedAt: now })
            .returning()
        )[0]!;
        return workplaceView(row);
      }),
  );
}
