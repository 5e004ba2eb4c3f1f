import { eq } from "@latchkey/db";
import type { SignedInContext } from "../../trpc";
import { audited } from "../../lib/audited";

/** Ends the current session (a token caller has none to end). */
export async function signOut(ctx: SignedInContext) {
  const { sessions } = ctx.services.database.tables;
  return await audited(ctx, { targetType: "employee", targetId: ctx.principal.employee?.guid ?? "" }, async (op) => {
    await op.commit(async (tx) => {
      if (ctx.principal.sessionId)
        await tx.update(sessions).set({ revokedAt: ctx.services.clock.now() }).where(eq(sessions.id, ctx.principal.sessionId));
    });
    ctx.cookies.clearSession();
    return { ok: true as const };
  });
}
