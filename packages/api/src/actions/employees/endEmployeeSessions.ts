import type { z } from "zod";
import { and, eq, isNull } from "@latchkey/db";
import { notFound } from "../../errors";
import { audited } from "../../lib/audited";
import { requireEmployee } from "../../lib/lookups";
import { revokeSessions } from "../../lib/revoke";
import type { OrgAdminContext } from "../../trpc";
import type { endEmployeeSessionsInput } from "./schemas";

/**
 * Signs the employee out: of one session (`sessionId`) or of every one. Their API tokens and
 * password stay. A session that is not the employee's, or is already over, is NotFound.
 */
export function endEmployeeSessions(ctx: OrgAdminContext, input: z.infer<typeof endEmployeeSessionsInput>) {
  const { sessions } = ctx.services.database.tables;
  return audited(
    ctx,
    { orgGuid: ctx.org.guid, targetType: "employee", targetId: input.guid },
    async (op) =>
      await op.commit(async (tx) => {
        const employee = await requireEmployee(tx, ctx.org.guid, input.guid);
        const now = ctx.services.clock.now();
        if (input.sessionId === undefined) return { ended: await revokeSessions(tx, employee.id, now) };
        const ended = (
          await tx
            .update(sessions)
            .set({ revokedAt: now })
            .where(and(eq(sessions.id, input.sessionId), eq(sessions.employeeId, employee.id), isNull(sessions.revokedAt)))
            .returning({ id: sessions.id })
        ).length;
        if (ended === 0) throw notFound("session");
        return { ended };
      }),
  );
}
