import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import { DomainError } from "../../errors";
import { audited } from "../../lib/audited";
import { issueApiToken } from "../../lib/credentials";
import { assertNotArchived, requireEmployee } from "../../lib/lookups";
import { tokenView, type createApiTokenInput } from "./schemas";

/** Creates a bearer token. Its secret is returned here once and stored only as a keyed hash. */
export async function createApiToken(ctx: OrgAdminContext, input: z.infer<typeof createApiTokenInput>) {
  const { apiTokens } = ctx.services.database.tables;
  const { clock, random, secret } = ctx.services;
  const id = random.uuid();
  return await audited(
    ctx,
    { action: "api_token.create", orgGuid: ctx.org.guid, targetType: "api_token", targetId: id },
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
        if (employee?.role === "owner" && ctx.principal.role !== "owner" && !ctx.principal.instanceAdmin)
          throw new DomainError("NotAllowedForOwner", "Only the owner may create tokens that act as the owner.");
        const issued = issueApiToken(random, secret);
        const now = clock.now();
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
              expiresAt: input.expiresInDays ? now + input.expiresInDays * 86_400_000 : null,
              createdByEmployeeId: ctx.principal.employee?.id ?? null,
            })
            .returning()
        )[0]!;
        return { ...tokenView(row, employee?.guid ?? null), token: issued.value };
      }),
  );
}
