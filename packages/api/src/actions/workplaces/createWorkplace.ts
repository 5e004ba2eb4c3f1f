// A new workplace is `pending` until a device redeems an activation code for it.
import type { z } from "zod";
import { workplaces } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { workplaceView, type createWorkplaceInput } from "./schemas";
import { liveOutlet } from "./support/liveOutlet";

export function createWorkplace(ctx: OrgAdminContext, input: z.infer<typeof createWorkplaceInput>) {
  const guid = ctx.services.random.uuid();
  return audited(ctx, { action: "workplace.create", orgGuid: ctx.org.guid, targetType: "workplace", targetId: guid }, (op) =>
    op.commit((tx) => {
      liveOutlet(ctx, tx, input.outletGuid);
      const now = ctx.services.clock.now();
      const row = tx
        .insert(workplaces)
        .values({ guid, orgGuid: ctx.org.guid, outletGuid: input.outletGuid, name: input.name, createdAt: now, updatedAt: now })
        .returning()
        .get();
      return workplaceView(row);
    }),
  );
}
