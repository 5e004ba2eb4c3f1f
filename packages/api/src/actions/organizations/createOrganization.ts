import type { z } from "zod";
import type { Context } from "../../context";
import { audited } from "../../lib/audited";
import { rethrowUnique } from "../../lib/constraints";
import { hashNewPassword } from "../../lib/newPassword";
import { DEFAULT_PASSWORD_POLICY } from "../../lib/passwordPolicy";
import { employeeView } from "../employees/schemas";
import { orgView, type createOrganizationInput } from "./schemas";

/** Creates an organization with its one owner. */
export async function createOrganization(ctx: Context, input: z.infer<typeof createOrganizationInput>) {
  const { employees, organizations, passwordHistory } = ctx.services.database.tables;
  const { clock, random } = ctx.services;
  const guid = random.uuid();
  return await audited(ctx, { orgGuid: guid, targetType: "organization", targetId: guid }, async (op) => {
    const now = clock.now();
    const draft = { guid, alias: input.alias, name: input.name, createdAt: now, updatedAt: now };
    // The row does not exist yet: the policy defaults (the column defaults), the new org's
    // names and the owner's own names judge the owner's first password.
    const policy = { ...DEFAULT_PASSWORD_POLICY, name: input.name, alias: input.alias };
    const subject = { displayName: input.owner.displayName, username: input.owner.username ?? null, email: input.owner.email ?? null };
    const hash = input.owner.password ? await hashNewPassword(ctx.services, policy, input.owner.password, "owner.password", subject) : null;
    return op.commit(async (tx) => {
      try {
        const org = (await tx.insert(organizations).values(draft).returning())[0]!;
        const owner = (
          await tx
            .insert(employees)
            .values({
              guid: random.uuid(),
              orgGuid: guid,
              displayName: input.owner.displayName,
              searchText: input.owner.displayName.toLowerCase(),
              email: input.owner.email ?? null,
              username: input.owner.username ?? null,
              phone: input.owner.phone ?? null,
              role: "owner",
              passwordHash: hash,
              passwordChangedAt: hash ? now : null,
              createdAt: now,
              updatedAt: now,
            })
            .returning()
        )[0]!;
        if (hash) await tx.insert(passwordHistory).values({ employeeId: owner.id, passwordHash: hash, createdAt: now });
        return { organization: orgView(org), owner: employeeView(owner, now) };
      } catch (err) {
        rethrowUnique(err);
      }
    });
  });
}
