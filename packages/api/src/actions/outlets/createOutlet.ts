import type { z } from "zod";
import { outlets } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { outletView, type createOutletInput } from "./schemas";

export function createOutlet(ctx: OrgAdminContext, input: z.infer<typeof createOutletInput>) {
  const guid = ctx.services.random.uuid();
  return audited(ctx, { action: "outlet.create", orgGuid: ctx.org.guid, targetType: "outlet", targetId: guid }, (op) => {
    const now = ctx.services.clock.now();
    const row = op.commit((tx) =>
      tx.insert(outlets).values({ guid, orgGuid: ctx.org.guid, name: input.name, createdAt: now, updatedAt: now }).returning().get(),
    );
    return outletView(row);
  });
}
