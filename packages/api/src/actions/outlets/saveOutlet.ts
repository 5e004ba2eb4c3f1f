// Create, rename and archive an outlet: three small writes that share one shape.
import type { z } from "zod";
import { eq, outlets } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { assertNotArchived, getOutlet } from "../../lib/lookups";
import { outletView, type createOutletInput, type outletRef, type updateOutletInput } from "../../schemas/workplaces";

export function getOutletView(ctx: OrgAdminContext, input: z.infer<typeof outletRef>) {
  return outletView(getOutlet(ctx.services.db, ctx.org.guid, input.guid));
}

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

function changeOutlet(ctx: OrgAdminContext, action: string, guid: string, patch: Partial<typeof outlets.$inferInsert>) {
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

export const updateOutlet = (ctx: OrgAdminContext, input: z.infer<typeof updateOutletInput>) =>
  changeOutlet(ctx, "outlet.update", input.guid, { name: input.name });

export const archiveOutlet = (ctx: OrgAdminContext, input: z.infer<typeof outletRef>) =>
  changeOutlet(ctx, "outlet.archive", input.guid, { archived: true });
