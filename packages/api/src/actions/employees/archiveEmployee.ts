import type { z } from "zod";
import { employees, eq, sql } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { DomainError } from "../../errors";
import { audited } from "../../lib/audited";
import { assertNotArchived, getEmployee } from "../../lib/lookups";
import { revokeSessions, revokeTokens, revokeTokensCreatedBy } from "../../lib/revoke";
import { employeeView, type employeeRef } from "./schemas";

/** Archiving ends every session and token of the employee, and the tokens they created; the record stays for the audit trail. */
export function archiveEmployee(ctx: OrgAdminContext, input: z.infer<typeof employeeRef>) {
  return audited(ctx, { action: "employee.archive", orgGuid: ctx.org.guid, targetType: "employee", targetId: input.guid }, (op) =>
    op.commit((tx) => {
      const current = getEmployee(tx, ctx.org.guid, input.guid);
      assertNotArchived(current);
      if (current.role === "owner") throw new DomainError("NotAllowedForOwner", "The owner cannot be archived.");
      const now = ctx.services.clock.now();
      revokeSessions(tx, current.id, now);
      revokeTokens(tx, current.id, now);
      revokeTokensCreatedBy(tx, current.id, now);
      const row = tx
        .update(employees)
        .set({ status: "archived", updatedAt: now, sequence: sql`${employees.sequence} + 1` })
        .where(eq(employees.id, current.id))
        .returning()
        .get();
      return employeeView(row!);
    }),
  );
}
