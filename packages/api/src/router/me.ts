import { listMySessions } from "../actions/me/listMySessions";
import { signOutEverywhere } from "../actions/me/signOutEverywhere";
import { changeMyPassword } from "../actions/passwords/changeMyPassword";
import { changeMyPasswordInput } from "../actions/passwords/schemas";
import { router, sessionProcedure, signedInProcedure } from "../trpc";

/** `me.*`: the signed-in caller's own account. */
export const meRouter = router({
  sessions: signedInProcedure.query(({ ctx }) => listMySessions(ctx)),
  signOutEverywhere: signedInProcedure.meta({ audit: "me.sign_out_everywhere" }).mutation(({ ctx }) => signOutEverywhere(ctx)),
  /** Restricted sessions allowed, since changing the password is what they are for. */
  changePassword: sessionProcedure
    .meta({ audit: "me.change_password" })
    .input(changeMyPasswordInput)
    .mutation(({ ctx, input }) => changeMyPassword(ctx, input)),
});
