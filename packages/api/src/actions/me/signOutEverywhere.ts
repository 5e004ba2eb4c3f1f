import type { SignedInContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { revokeSessions } from "../../lib/revoke";
import { employeeOf } from "../../lib/principal";

/** Ends every session of the caller, this one included. */
export async function signOutEverywhere(ctx: SignedInContext) {
  const employee = employeeOf(ctx.principal);
  return await audited(ctx, { targetType: "employee", targetId: employee?.guid ?? "" }, async (op) => {
    const revoked = await op.commit(async (tx) => (employee ? await revokeSessions(tx, employee.id, ctx.services.clock.now()) : 0));
    ctx.cookies.clearSession();
    return { revoked };
  });
}
