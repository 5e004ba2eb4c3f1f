import type { z } from "zod";
import { eq, organizations } from "@latchkey/db";
import type { SignedInContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { assertNotArchived } from "../../lib/lookups";
import { orgView, type renameOrganizationInput } from "./schemas";
import { findManagedOrganization } from "./support/findOrganization";

/** Renames an organization (its alias, the sign-in's organization field, stays). */
export function renameOrganization(ctx: SignedInContext, input: z.infer<typeof renameOrganizationInput>) {
  return audited(
    ctx,
    { action: "organization.rename", orgGuid: input.guid, targetType: "organization", targetId: input.guid },
    async (op) => {
      assertNotArchived(await findManagedOrganization(ctx.services.db, input.guid), "organization");
      return op.commit((tx) => {
        const row = tx
          .update(organizations)
          .set({ name: input.name, updatedAt: ctx.services.clock.now() })
          .where(eq(organizations.guid, input.guid))
          .returning()
          .get();
        return orgView(row!);
      });
    },
  );
}
