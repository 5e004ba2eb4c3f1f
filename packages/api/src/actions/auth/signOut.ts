import { eq, sessions } from "@latchkey/db";
import type { SignedInContext } from "../../trpc";
import { audited } from "../../lib/audited";

/** Ends the current session (a token caller has none to end). */
export function signOut(ctx: SignedInContext) {
  return audited(ctx, { action: "auth.sign_out", targetType: "employee", targetId: ctx.principal.employee?.guid ?? "" }, (op) => {
    op.commit((tx) => {
      if (ctx.principal.sessionId)
        tx.update(sessions).set({ revokedAt: ctx.services.clock.now() }).where(eq(sessions.id, ctx.principal.sessionId)).run();
    });
    ctx.cookies.clearSession();
    return { ok: true as const };
  });
}
