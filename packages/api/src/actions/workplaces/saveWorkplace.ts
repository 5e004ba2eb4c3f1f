// Create, change and archive a workplace. A new workplace is `pending` until a device
// redeems an activation code for it.
import type { z } from "zod";
import { eq, workplaces } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { DomainError } from "../../errors";
import { audited } from "../../lib/audited";
import { assertNotArchived, getOutlet, getWorkplace } from "../../lib/lookups";
import { workplaceView, type createWorkplaceInput, type updateWorkplaceInput, type workplaceRef } from "../../schemas/workplaces";

export function getWorkplaceView(ctx: OrgAdminContext, input: z.infer<typeof workplaceRef>) {
  return workplaceView(getWorkplace(ctx.services.db, ctx.org.guid, input.guid));
}

/** The outlet a workplace points at is a reference in the body: a missing one is ReferenceNotFound. */
function liveOutlet(ctx: OrgAdminContext, tx: Parameters<typeof getOutlet>[0], guid: string) {
  try {
    const outlet = getOutlet(tx, ctx.org.guid, guid);
    assertNotArchived(outlet, "outlet");
    return outlet;
  } catch (err) {
    if (err instanceof DomainError && err.code === "NotFound")
      throw new DomainError("ReferenceNotFound", "The outlet was not found.", { field: "outletGuid" });
    throw err;
  }
}

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

function changeWorkplace(ctx: OrgAdminContext, action: string, guid: string, patch: Partial<typeof workplaces.$inferInsert>) {
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

export const updateWorkplace = (ctx: OrgAdminContext, input: z.infer<typeof updateWorkplaceInput>) =>
  changeWorkplace(ctx, "workplace.update", input.guid, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.outletGuid !== undefined ? { outletGuid: input.outletGuid } : {}),
  });

export const archiveWorkplace = (ctx: OrgAdminContext, input: z.infer<typeof workplaceRef>) =>
  changeWorkplace(ctx, "workplace.archive", input.guid, { archived: true });
