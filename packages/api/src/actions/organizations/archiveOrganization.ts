import type { z } from "zod";
import { and, eq, isNull } from "@latchkey/db";
import type { SignedInContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { assertNotArchived } from "../../lib/lookups";
import { orgView, type organizationRef } from "./schemas";
import { findManagedOrganization } from "./support/findOrganization";

/**
 * Archives an organization: nobody of it signs in or acts in it any more (docs/SPEC.md §2.2,
 * archived things are refused), and every session and API token of it ends now rather than at
 * its next use. The records stay, for the audit trail. There is no way back.
 */
export function archiveOrganization(ctx: SignedInContext, input: z.infer<typeof organizationRef>) {
  const { apiTokens, organizations, sessions } = ctx.services.database.tables;
  return audited(ctx, { orgGuid: input.guid, targetType: "organization", targetId: input.guid }, async (op) => {
    assertNotArchived(await findManagedOrganization(ctx.services.database.db, input.guid), "organization");
    const now = ctx.services.clock.now();
    return op.commit(async (tx) => {
      await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.orgGuid, input.guid), isNull(sessions.revokedAt)));
      await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.orgGuid, input.guid), isNull(apiTokens.revokedAt)));
      const row = (
        await tx.update(organizations).set({ archived: true, updatedAt: now }).where(eq(organizations.guid, input.guid)).returning()
      )[0];
      return orgView(row!);
    });
  });
}
