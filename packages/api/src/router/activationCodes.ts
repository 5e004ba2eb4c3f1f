import { activateWorkplace } from "../actions/activation/activateWorkplace";
import { generateActivationCode } from "../actions/activation/generateActivationCode";
import { activateWorkplaceInput, generateActivationCodeInput } from "../schemas/credentials";
import { orgAdminProcedure, publicProcedure } from "../trpc";

/** Merged into the `workplaces` namespace: issuing a code is an admin's act on a workplace. */
export const workplaceActivationCodes = {
  generateActivationCode: orgAdminProcedure
    .input(generateActivationCodeInput)
    .mutation(({ ctx, input }) => generateActivationCode(ctx, input)),
};

/** Merged into the `auth` namespace: redeeming a code needs nothing but the code. */
export const activationAuth = {
  activateWorkplace: publicProcedure.input(activateWorkplaceInput).mutation(({ ctx, input }) => activateWorkplace(ctx, input)),
};
