import { createApiToken } from "../actions/tokens/createApiToken";
import { listApiTokens } from "../actions/tokens/listApiTokens";
import { revokeApiToken } from "../actions/tokens/revokeApiToken";
import { apiTokenRef, createApiTokenInput, listApiTokensInput } from "../actions/tokens/schemas";
import { orgAdminProcedure, router } from "../trpc";

/** `tokens.*`: the API tokens of the organization acted in. */
export const tokensRouter = router({
  list: orgAdminProcedure.input(listApiTokensInput).query(({ ctx, input }) => listApiTokens(ctx, input)),
  create: orgAdminProcedure.input(createApiTokenInput).mutation(({ ctx, input }) => createApiToken(ctx, input)),
  revoke: orgAdminProcedure.input(apiTokenRef).mutation(({ ctx, input }) => revokeApiToken(ctx, input)),
});
