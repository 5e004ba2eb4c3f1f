import type { z } from "zod";
import { eq, type ApiToken } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { DomainError } from "../../errors";
import { audited } from "../../lib/audited";
import { issueApiToken } from "../../lib/credentials";
import { assertNotArchived, requireEmployee } from "../../lib/lookups";
import { tokenView, type createApiTokenInput } from "./schemas";
import { employeeOf, roleOf, tokenIdOf } from "../../lib/principal";

const DAY_MS = 86_400_000;

/**
 * When the new token expires: the days asked for, "never" only when asked for, else the
 * organization's default. A token creating a token cannot give it a longer life than its own.
 */
function expiryOf(ctx: OrgAdminContext, input: z.infer<typeof createApiTokenInput>, creator: ApiToken | null, now: number): number | null {
  const asked = input.expiresInDays;
  const expiresAt = asked === "never" ? null : now + (asked ?? ctx.org.tokenExpiryDays) * DAY_MS;
  if (creator?.expiresAt == null) return expiresAt;
  if (asked === undefined) return Math.min(expiresAt!, creator.expiresAt);
  if (expiresAt === null || expiresAt > creator.expiresAt)
    throw new DomainError("RequestIsNotValid", "A token cannot create a token that outlives it.", { field: "expiresInDays" });
  return expiresAt;
}

/** Creates a bearer token. Its secret is returned here once and stored only as a keyed hash. */
export async function createApiToken(ctx: OrgAdminContext, input: z.infer<typeof createApiTokenInput>) {
  const { apiTokens, employees } = ctx.services.database.tables;
  const { clock, random, secret } = ctx.services;
  const id = random.uuid();
  return audited(
    ctx,
    { orgGuid: ctx.org.guid, targetType: "api_token", targetId: id },
    async (op) =>
      await op.commit(async (tx) => {
        const employee = input.employeeGuid ? await requireEmployee(tx, ctx.org.guid, input.employeeGuid) : null;
        if (employee) assertNotArchived(employee);
        if (!employee && input.scopes.includes("self"))
          throw new DomainError("RequestIsNotValid", "A service-account token has no employee to act as: drop the 'self' scope.", {
            field: "scopes",
          });
        if (employee && input.scopes.includes("admin") && employee.role === "employee")
          throw new DomainError("RequestIsNotValid", "Only an owner's or admin's token can have the 'admin' scope.", { field: "scopes" });
        if (employee?.role === "owner" && roleOf(ctx.principal) !== "owner" && !ctx.principal.instanceAdmin)
          throw new DomainError("NotAllowedForOwner", "Only the owner may create tokens that act as the owner.");
        // A token creating a token hands on at most what it has: its scopes and its lifetime.
        const creatorId = tokenIdOf(ctx.principal);
        const creator = creatorId ? ((await tx.select().from(apiTokens).where(eq(apiTokens.id, creatorId)))[0] ?? null) : null;
        if (creator && input.scopes.some((s) => !ctx.principal.scopes.includes(s)))
          throw new DomainError("RequestIsNotValid", "A token cannot create a token with a scope it does not have.", { field: "scopes" });
        const now = clock.now();
        const expiresAt = expiryOf(ctx, input, creator, now);
        const issued = issueApiToken(random, secret);
        const row = (
          await tx
            .insert(apiTokens)
            .values({
              id,
              orgGuid: ctx.org.guid,
              employeeId: employee?.id ?? null,
              name: input.name,
              prefix: issued.id,
              secretHash: issued.hash,
              scopes: JSON.stringify([...new Set(input.scopes)]),
              createdAt: now,
              expiresAt,
              // The person behind it: the caller, or, for a service token, whoever created that token.
              createdByEmployeeId: employeeOf(ctx.principal)?.id ?? creator?.createdByEmployeeId ?? null,
              createdByTokenId: creator?.id ?? null,
            })
            .returning()
        )[0]!;
        const by =
          row.createdByEmployeeId === null
            ? null
            : ((
                await tx
                  .select({ guid: employees.guid, displayName: employees.displayName })
                  .from(employees)
                  .where(eq(employees.id, row.createdByEmployeeId))
              )[0] ?? null);
        return { ...tokenView(row, employee?.guid ?? null, by), token: issued.value };
      }),
  );
}
