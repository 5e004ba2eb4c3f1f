import { listMySessions } from "../actions/me/listMySessions";
import { signOutEverywhere } from "../actions/me/signOutEverywhere";
import { signedInProcedure } from "../trpc";

export const mySessions = {
  sessions: signedInProcedure.query(({ ctx }) => listMySessions(ctx)),
  signOutEverywhere: signedInProcedure.mutation(({ ctx }) => signOutEverywhere(ctx)),
};
