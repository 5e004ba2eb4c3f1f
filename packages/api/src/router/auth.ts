import { signIn } from "../actions/auth/signIn";
import { signOut } from "../actions/auth/signOut";
import { whoAmI } from "../actions/auth/whoAmI";
import { signInInput } from "../schemas/auth";
import { publicProcedure, sessionProcedure } from "../trpc";

/** Sessions for the web app. Completing a reset and activating a workplace are in their own files. */
export const authSessions = {
  signIn: publicProcedure.input(signInInput).mutation(({ ctx, input }) => signIn(ctx, input)),
  signOut: sessionProcedure.mutation(({ ctx }) => signOut(ctx)),
  me: sessionProcedure.query(({ ctx }) => whoAmI(ctx)),
};
