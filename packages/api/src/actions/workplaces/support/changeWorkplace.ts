// Renaming, moving and archiving a workplace are the same audited write of a different patch.
import { eq, type Tables } from "@latchkey/db";
import type { OrgAdminContext } from "../../../trpc";
import { audited } from "../../../lib/audited";
import { assertNotArchived, requireWorkplace } from "../../../lib/lookups";
import { workplaceView } from "../schemas";
import { liveOutlet } from "./liveOutlet";

export async function changeWorkplace(ctx: OrgAdminContext, guid: string, patch: Partial<Tables["workplaces"]["$inferInsert"]>) {
  const { workplaces } = ctx.services.database.tables;
  return await audited(
    ctx,
    { orgGuid: ctx.org.guid, targetType: "workplace", targetId: guid },
    async (op) =>
      await op.commit(async (tx) => {
        const current = await requireWorkplace(tx, ctx.org.guid, guid);
        assertNotArchived(current, "workplace");
        if (patch.outletGuid) await liveOutlet(ctx, tx, patch.outletGuid);
        const row = (
          await tx
            .update(workplaces)
            .set({ ...patch, updatedAt: ctx.services.clock.now() })
            .where(eq(workplaces.guid, current.guid))
            .returning()
        )[0];
        return workplaceView(row!);
      }),
  );
}
