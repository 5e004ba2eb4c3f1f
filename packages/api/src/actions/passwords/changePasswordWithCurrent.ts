// employees.changePasswordWithCurrent: ZITADEL v2 `password` with currentPassword. Knowing the
// current password is the authorization, so any signed-in member of the organization may call
// it; a wrong one counts toward the sign-in lockout exactly like a wrong sign-in.
import type { Employee, Organization } from "@latchkey/db";
import type { Context, Principal } from "../../context";
import { audited, type AuditedOp } from "../../lib/audited";
import { requireEmployee, assertNotArchived } from "../../lib/lookups";
import { hashNewPassword } from "../../lib/newPassword";
import { burnVerify, verifyPassword } from "../../lib/passwords";
import { changeDetails, type PasswordChangeOutput } from "./schemas";
import { assertNotLocked, countWrongPassword, wrongCurrentPassword } from "./support/passwordGuards";
import { storeNewPassword } from "./support/storeNewPassword";
import { employeeOf, sessionIdOf } from "../../lib/principal";

type OrgMemberContext = Context & { principal: Principal; org: Organization };

/** Checks the current password; on a wrong one registers the lockout counter and throws. */
export async function proveCurrentPassword(
  ctx: Context,
  op: AuditedOp,
  e: Employee,
  org: Organization,
  currentPassword: string,
  field: string,
): Promise<void> {
  const now = ctx.services.clock.now();
  assertNotLocked(e, now);
  const normalized = currentPassword.normalize("NFKC");
  const ok = e.passwordHash
    ? await verifyPassword(e.passwordHash, normalized)
    : (await burnVerify(normalized, ctx.services.hashParams), false);
  if (!ok) {
    op.onFailure(async (tx) => await countWrongPassword(tx, e.id, org, now));
    throw wrongCurrentPassword(field);
  }
}

export async function changePasswordWithCurrent(
  ctx: OrgMemberContext,
  input: { guid: string; currentPassword: string; password: string; changeRequired: boolean },
): Promise<PasswordChangeOutput> {
  return await audited(ctx, { orgGuid: ctx.org.guid }, async (op) => {
    const { services } = ctx;
    const found = await requireEmployee(services.database.db, ctx.org.guid, input.guid);
    op.target("employee", found.guid);
    assertNotArchived(found);
    await proveCurrentPassword(ctx, op, found, ctx.org, input.currentPassword, "currentPassword");
    const hash = await hashNewPassword(services, ctx.org, input.password, "password", found);
    const self = employeeOf(ctx.principal)?.id === found.id;
    const row = await op.commit(async (tx) =>
      storeNewPassword(tx, {
        employeeId: found.id,
        hash,
        changeRequired: input.changeRequired,
        now: services.clock.now(),
        // The employee's own session survives its own change; anyone else's change ends them all.
        keepSessionId: self ? sessionIdOf(ctx.principal) : null,
        clearFailedSignIns: true,
      }),
    );
    return { employee: changeDetails(row) };
  });
}
