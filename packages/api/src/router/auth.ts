import { activateWorkplace } from "../actions/activation/activateWorkplace";
import { activateWorkplaceInput } from "../actions/activation/schemas";
import { signIn } from "../actions/auth/signIn";
import { signOut } from "../actions/auth/signOut";
import { signInInput } from "../actions/auth/schemas";
import { whoAmI } from "../actions/auth/whoAmI";
import { completeResetByLogin } from "../actions/passwords/completePasswordReset";
import { completePasswordResetInput } from "../actions/passwords/schemas";
import { publicProcedure, router, sessionProcedure } from "../trpc";

/** `auth.*`: sessions of the web app, and what a caller with no credentials may do. */
export const authRouter = router({
  signIn: publicProcedure
    .meta({ audit: "auth.sign_in" })
    .input(signInInput)
    .mutation(({ ctx, input }) => signIn(ctx, input)),
  signOut: sessionProcedure.meta({ audit: "auth.sign_out" }).mutation(({ ctx }) => signOut(ctx)),
  me: sessionProcedure.query(({ ctx }) => whoAmI(ctx)),
  /** Redeeming an activation code needs nothing but the code. */
  activateWorkplace: publicProcedure
    .meta({ audit: "workplace.activate" })
    .input(activateWorkplaceInput)
    .mutation(({ ctx, input }) => activateWorkplace(ctx, input)),
  /** The public /reset page (login + code + new password); signs nothing in. */
  completePasswordReset: publicProcedure
    .meta({ audit: "auth.complete_password_reset" })
    .input(completePasswordResetInput)
    .mutation(({ ctx, input }) => completeResetByLogin(ctx, input)),
});
