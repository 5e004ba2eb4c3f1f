import type { z } from "zod";
import { eq, inArray, sql } from "@latchkey/db";
import { audited } from "../../lib/audited";
import { assertNotArchived, requireEmployee } from "../../lib/lookups";
import { loginKey } from "../../lib/signInLockout";
import type { OrgAdminContext } from "../../trpc";
import { employeeView, type employeeRef } from "./schemas";

/**
 * Lifts a lockout after wrong passwords (docs/SPEC.md §3) before it runs out: the employee's own
 * counter and the counters of the logins they sign in with (email, username, phone as typed) start
 * again. The password, sessions and tokens stay as they are.
 */
export function unlockEmployee(ctx: OrgAdminContext, input: z.infer<typeof employeeRef>) {
  const { employees, rateLimits } = ctx.services.database.tables;
  return audited(
    ctx,
    { orgGuid: ctx.org.guid, targetType: "employee", targetId: input.guid },
    async (op) =>
      await op.commit(async (tx) => {
        const current = await requireEmployee(tx, ctx.org.guid, input.guid);
        assertNotArchived(current);
        const logins = [current.email, current.username, current.phone].filter((l): l is string => !!l).map(loginKey);
        if (logins.length) await tx.delete(rateLimits).where(inArray(rateLimits.key, logins));
        const row = (
          await tx
            .update(employees)
            .set({
              failedSignIns: 0,
              failedSignInWindowStart: null,
              lockedUntil: null,
              ...(current.status === "locked" ? { status: "active" as const } : {}),
              updatedAt: ctx.services.clock.now(),
              sequence: sql`${employees.sequence} + 1`,
            })
            .where(eq(employees.id, current.id))
            .returning()
        )[0];
        return employeeView(row!, ctx.services.clock.now());
      }),
  );
}
