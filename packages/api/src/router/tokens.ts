import { createApiToken } from "../actions/tokens/createApiToken";
import { keepApiToken } from "../actions/tokens/keepApiToken";
import { listApiTokens } from "../actions/tokens/listApiTokens";
import { revokeApiToken } from "../actions/tokens/revokeApiToken";
import { apiTokenRef, createApiTokenInput, keepApiTokenInput, listApiTokensInput } from "../actions/tokens/schemas";
import { orgAdminProcedure, ownerProcedure, router } from "../trpc";

/** `tokens.*`: the API tokens of the organization acted in. */
export const tokensRouter = router({
  list: orgAdminProcedure.input(listApiTokensInput).query(({ ctx, input }) => listApiTokens(ctx, input)),
  create: orgAdminProcedure.input(createApiTokenInput).mutation(({ ctx, input }) => createApiToken(ctx, input)),
  revoke: orgAdminProcedure.input(apiTokenRef).mutation(({ ctx, input }) => revokeApiToken(ctx, input)),
  keep: ownerProcedure.input(keepApiTokenInput).mutation(({ ctx, input }) => keepApiToken(ctx, input)),
});
