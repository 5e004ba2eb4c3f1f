import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { rethrowUnique } from "../../lib/constraints";
import { employeeView, type createEmployeeInput } from "./schemas";

/** Creates an employee with no working password: they get one by a reset or an admin's set. */
export async function createEmployee(ctx: OrgAdminContext, input: z.infer<typeof createEmployeeInput>) {
  const { employees } = ctx.services.database.tables;
  return await audited(ctx, { orgGuid: ctx.org.guid }, async (op) => {
    const now = ctx.services.clock.now();
    const guid = ctx.services.random.uuid();
    op.target("employee", guid);
    const row = await op.commit(async (tx) => {
      try {
        return (
          await tx
            .insert(employees)
            .values({
              guid,
              orgGuid: ctx.org.guid,
              displayName: input.displayName,
              searchText: input.displayName.toLowerCase(),
              email: input.email ?? null,
              phone: input.phone ?? null,
              username: input.username ?? null,
              role: input.role,
              createdAt: now,
              updatedAt: now,
            })
            .returning()
        )[0]!;
      } catch (err) {
        rethrowUnique(err);
      }
    });
    return employeeView(row, now);
  });
}
