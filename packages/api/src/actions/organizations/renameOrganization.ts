import type { z } from "zod";
import { eq } from "@latchkey/db";
import type { SignedInContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { assertNotArchived } from "../../lib/lookups";
import { orgView, type renameOrganizationInput } from "./schemas";
import { findManagedOrganization } from "./support/findOrganization";

/** Renames an organization (its alias, the sign-in's organization field, stays). */
export function renameOrganization(ctx: SignedInContext, input: z.infer<typeof renameOrganizationInput>) {
  const { organizations } = ctx.services.database.tables;
  return audited(ctx, { orgGuid: input.guid, targetType: "organization", targetId: input.guid }, async (op) => {
    assertNotArchived(await findManagedOrganization(ctx.services.database.db, input.guid), "organization");
    return op.commit(async (tx) => {
      const row = (
        await tx
          .update(organizations)
          .set({ name: input.name, updatedAt: ctx.services.clock.now() })
          .where(eq(organizations.guid, input.guid))
          .returning()
      )[0];
      return orgView(row!);
    });
  });
}
