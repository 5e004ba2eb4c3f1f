import { changeMyPassword } from "../actions/passwords/changeMyPassword";
import { completeResetByLogin } from "../actions/passwords/completePasswordReset";
import { changeMyPasswordInput, completePasswordResetInput } from "../schemas/credentials";
import { publicProcedure, sessionProcedure } from "../trpc";

/** me.changePassword: restricted sessions allowed, since changing the password is what they are for. */
export const myPassword = {
  changePassword: sessionProcedure.input(changeMyPasswordInput).mutation(({ ctx, input }) => changeMyPassword(ctx, input)),
};

/** auth.completePasswordReset: the public /reset page; signs nothing in. */
export const passwordResetAuth = {
  completePasswordReset: publicProcedure.input(completePasswordResetInput).mutation(({ ctx, input }) => completeResetByLogin(ctx, input)),
};
