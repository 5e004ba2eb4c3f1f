import type { z } from "zod";
import { eq, sql } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { DomainError } from "../../errors";
import { audited } from "../../lib/audited";
import { rethrowUnique } from "../../lib/constraints";
import { assertNotArchived, requireEmployee } from "../../lib/lookups";
import { revokeTokensCreatedBy } from "../../lib/revoke";
import { employeeView, type updateEmployeeInput } from "./schemas";
import { employeeOf } from "../../lib/principal";

export async function updateEmployee(ctx: OrgAdminContext, input: z.infer<typeof updateEmployeeInput>) {
  const { employees } = ctx.services.database.tables;
  return audited(
    ctx,
    { orgGuid: ctx.org.guid, targetType: "employee", targetId: input.guid },
    async (op) =>
      await op.commit(async (tx) => {
        const current = await requireEmployee(tx, ctx.org.guid, input.guid);
        assertNotArchived(current);
        const self = employeeOf(ctx.principal)?.id === current.id;
        if (current.role === "owner" && !self && !ctx.principal.instanceAdmin)
          throw new DomainError("NotAllowedForOwner", "Only the owner may change the owner's profile.");
        if (current.role === "owner" && input.role !== undefined)
          throw new DomainError("NotAllowedForOwner", "The owner's role cannot be changed.", { field: "role" });
        const patch: Partial<typeof employees.$inferInsert> = {};
        if (input.displayName !== undefined) {
          patch.displayName = input.displayName;
          patch.searchText = input.displayName.toLowerCase();
        }
        if (input.email !== undefined) patch.email = input.email;
        if (input.phone !== undefined) patch.phone = input.phone;
        if (input.username !== undefined) patch.username = input.username;
        if (input.role !== undefined) patch.role = input.role;
        if (input.email === null && (input.username ?? current.username) === null && (input.phone ?? current.phone) === null)
          throw new DomainError("RequestIsNotValid", "An employee needs an email, a username or a phone.", { field: "email" });
        const now = ctx.services.clock.now();
        // A demoted admin's admin rights end; so do the tokens they created with them.
        if (input.role === "employee" && current.role !== "employee") await revokeTokensCreatedBy(tx, current.id, now);
        try {
          const row = (
            await tx
              .update(employees)
              .set({ ...patch, updatedAt: now, sequence: sql`${employees.sequence} + 1` })
              .where(eq(employees.id, current.id))
              .returning()
          )[0];
          return employeeView(row!, now);
        } catch (err) {
          rethrowUnique(err);
        }
      }),
  );
}
