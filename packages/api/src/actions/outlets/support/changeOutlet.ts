// Renaming and archiving an outlet are the same audited write of a different patch.
import { eq, outlets } from "@latchkey/db";
import type { OrgAdminContext } from "../../../trpc";
import { audited } from "../../../lib/audited";
import { assertNotArchived, getOutlet } from "../../../lib/lookups";
import { outletView } from "../schemas";

export function changeOutlet(ctx: OrgAdminContext, action: string, guid: string, patch: Partial<typeof outlets.$inferInsert>) {
  return audited(ctx, { action, orgGuid: ctx.org.guid, targetType: "outlet", targetId: guid }, (op) =>
    op.commit((tx) => {
      const current = getOutlet(tx, ctx.org.guid, guid);
      assertNotArchived(current, "outlet");
      const row = tx
        .update(outlets)
        .set({ ...patch, updatedAt: ctx.services.clock.now() })
        .where(eq(outlets.guid, current.guid))
        .returning()
        .get();
      return outletView(row!);
    }),
  );
}
