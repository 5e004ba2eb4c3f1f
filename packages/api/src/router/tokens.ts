import { createApiToken } from "../actions/tokens/createApiToken";
import { listApiTokens } from "../actions/tokens/listApiTokens";
import { revokeApiToken } from "../actions/tokens/revokeApiToken";
import { apiTokenRef, createApiTokenInput, listApiTokensInput } from "../schemas/orgs";
import { orgAdminProcedure } from "../trpc";

export const tokenRecords = {
  list: orgAdminProcedure.input(listApiTokensInput).query(({ ctx, input }) => listApiTokens(ctx, input)),
  create: orgAdminProcedure.input(createApiTokenInput).mutation(({ ctx, input }) => createApiToken(ctx, input)),
  revoke: orgAdminProcedure.input(apiTokenRef).mutation(({ ctx, input }) => revokeApiToken(ctx, input)),
};
