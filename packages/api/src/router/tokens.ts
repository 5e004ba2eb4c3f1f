import { createApiToken } from "../actions/tokens/createApiToken";
import { keepApiToken } from "../actions/tokens/keepApiToken";
import { listApiTokens } from "../actions/tokens/listApiTokens";
import { revokeApiToken } from "../actions/tokens/revokeApiToken";
import { apiTokenRef, createApiTokenInput, keepApiTokenInput, listApiTokensInput } from "../actions/tokens/schemas";
import type { AuditNaming } from "../lib/auditActions";
import { orgAdminProcedure, ownerProcedure, router } from "../trpc";

/** Kept, or no longer kept: only `keep: false` unkeeps (anything else is a keep, or a refusal named as one). */
const keepAudit: AuditNaming = (raw) =>
  typeof raw === "object" && raw !== null && (raw as { keep?: unknown }).keep === false ? "api_token.unkeep" : "api_token.keep";

/** `tokens.*`: the API tokens of the organization acted in. */
export const tokensRouter = router({
  list: orgAdminProcedure.input(listApiTokensInput).query(({ ctx, input }) => listApiTokens(ctx, input)),
  create: orgAdminProcedure
    .meta({ audit: "api_token.create" })
    .input(createApiTokenInput)
    .mutation(({ ctx, input }) => createApiToken(ctx, input)),
  revoke: orgAdminProcedure
    .meta({ audit: "api_token.revoke" })
    .input(apiTokenRef)
    .mutation(({ ctx, input }) => revokeApiToken(ctx, input)),
  keep: ownerProcedure
    .meta({ audit: keepAudit })
    .input(keepApiTokenInput)
    .mutation(({ ctx, input }) => keepApiToken(ctx, input)),
});
