import { eq } from "@latchkey/db";
import type { SignedInContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { employeeOf, sessionIdOf } from "../../lib/principal";

/** Ends the current session (a token caller has none to end). */
export async function signOut(ctx: SignedInContext) {
  const { sessions } = ctx.services.database.tables;
  return await audited(ctx, { targetType: "employee", targetId: employeeOf(ctx.principal)?.guid ?? "" }, async (op) => {
    await op.commit(async (tx) => {
      const sessionId = sessionIdOf(ctx.principal);
      if (sessionId) await tx.update(sessions).set({ revokedAt: ctx.services.clock.now() }).where(eq(sessions.id, sessionId));
    });
    ctx.cookies.clearSession();
    return { ok: true as const };
  });
}
