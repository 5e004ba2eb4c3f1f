// Renaming and archiving an outlet are the same audited write of a different patch.
import { eq, type Tables } from "@latchkey/db";
import type { OrgAdminContext } from "../../../trpc";
import { audited } from "../../../lib/audited";
import { assertNotArchived, requireOutlet } from "../../../lib/lookups";
import { outletView } from "../schemas";

export async function changeOutlet(ctx: OrgAdminContext, guid: string, patch: Partial<Tables["outlets"]["$inferInsert"]>) {
  const { outlets } = ctx.services.database.tables;
  return await audited(
    ctx,
    { orgGuid: ctx.org.guid, targetType: "outlet", targetId: guid },
    async (op) =>
      await op.commit(async (tx) => {
        const current = await requireOutlet(tx, ctx.org.guid, guid);
        assertNotArchived(current, "outlet");
        const row = (
          await tx
            .update(outlets)
            .set({ ...patch, updatedAt: ctx.services.clock.now() })
            .where(eq(outlets.guid, current.guid))
            .returning()
        )[0];
        return outletView(row!);
      }),
  );
}
