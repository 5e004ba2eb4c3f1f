// Renaming, moving and archiving a workplace are the same audited write of a different patch.
import { eq, workplaces } from "@latchkey/db";
import type { OrgAdminContext } from "../../../trpc";
import { audited } from "../../../lib/audited";
import { assertNotArchived, getWorkplace } from "../../../lib/lookups";
import { workplaceView } from "../schemas";
import { liveOutlet } from "./liveOutlet";

export function changeWorkplace(ctx: OrgAdminContext, action: string, guid: string, patch: Partial<typeof workplaces.$inferInsert>) {
  return audited(ctx, { action, orgGuid: ctx.org.guid, targetType: "workplace", targetId: guid }, (op) =>
    op.commit((tx) => {
      const current = getWorkplace(tx, ctx.org.guid, guid);
      assertNotArchived(current, "workplace");
      if (patch.outletGuid) liveOutlet(ctx, tx, patch.outletGuid);
      const row = tx
        .update(workplaces)
        .set({ ...patch, updatedAt: ctx.services.clock.now() })
        .where(eq(workplaces.guid, current.guid))
        .returning()
        .get();
      return workplaceView(row!);
    }),
  );
}
