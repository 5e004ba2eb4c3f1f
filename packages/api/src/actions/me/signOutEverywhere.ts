import type { SignedInContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { revokeSessions } from "../../lib/revoke";

/** Ends every session of the caller, this one included. */
export function signOutEverywhere(ctx: SignedInContext) {
  const employee = ctx.principal.employee;
  return audited(ctx, { action: "me.sign_out_everywhere", targetType: "employee", targetId: employee?.guid ?? "" }, (op) => {
    const revoked = op.commit((tx) => (employee ? revokeSessions(tx, employee.id, ctx.services.clock.now()) : 0));
    ctx.cookies.clearSession();
    return { revoked };
  });
}
