import type { z } from "zod";
import { eq, sql } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { DomainError } from "../../errors";
import { audited } from "../../lib/audited";
import { assertNotArchived, requireEmployee } from "../../lib/lookups";
import { revokeSessions, revokeTokens, revokeTokensCreatedBy } from "../../lib/revoke";
import { employeeView, type employeeRef } from "./schemas";

/** Archiving ends every session and token of the employee, and the tokens they created; the record stays for the audit trail. */
export async function archiveEmployee(ctx: OrgAdminContext, input: z.infer<typeof employeeRef>) {
  const { employees } = ctx.services.database.tables;
  return audited(
    ctx,
    { orgGuid: ctx.org.guid, targetType: "employee", targetId: input.guid },
    async (op) =>
      await op.commit(async (tx) => {
        const current = await requireEmployee(tx, ctx.org.guid, input.guid);
        assertNotArchived(current);
        if (current.role === "owner") throw new DomainError("NotAllowedForOwner", "The owner cannot be archived.");
        const now = ctx.services.clock.now();
        await revokeSessions(tx, current.id, now);
        await revokeTokens(tx, current.id, now);
        await revokeTokensCreatedBy(tx, current.id, now);
        const row = (
          await tx
            .update(employees)
            .set({ status: "archived", updatedAt: now, sequence: sql`${employees.sequence} + 1` })
            .where(eq(employees.id, current.id))
            .returning()
        )[0];
        return employeeView(row!, now);
      }),
  );
}
