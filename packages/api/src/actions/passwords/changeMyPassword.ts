// me.changePassword: the signed-in employee, restricted sessions included (that is what they
// are for). Clears password_change_required, ends the employee's other sessions, keeps this one.
import { type Organization } from "@latchkey/db";
import type { SignedInContext } from "../../trpc";
import { DomainError } from "../../errors";
import { audited } from "../../lib/audited";
import { prepared } from "../../lib/prepared";
import { hashNewPassword } from "../../lib/newPassword";
import { changeDetails, type PasswordChangeOutput } from "./schemas";
import { proveCurrentPassword } from "./changePasswordWithCurrent";
import { storeNewPassword } from "./support/storeNewPassword";
import { employeeOf, sessionIdOf } from "../../lib/principal";

export async function changeMyPassword(
  ctx: SignedInContext,
  input: { currentPassword: string; newPassword: string },
): Promise<PasswordChangeOutput> {
  const p = ctx.principal;
  const self = employeeOf(p);
  return await audited(ctx, { targetType: "employee", targetId: self?.guid ?? "" }, async (op) => {
    const { services } = ctx;
    if (!self) throw new DomainError("NoPermissions", "Only an employee has a password to change.");
    const q = prepared(services.database.db);
    // Re-read: the principal was resolved at the start of the request.
    const e = (await q.employeeById.execute({ id: self.id }))[0];
    const org: Organization | undefined = (await q.orgByGuid.execute({ guid: p.orgGuid }))[0];
    if (!e || !org) throw new DomainError("NotFound", "The employee was not found.");
    if (org.archived) throw new DomainError("NotAllowedForArchived", "The organization is archived.");
    await proveCurrentPassword(ctx, op, e, org, input.currentPassword, "currentPassword");
    const hash = await hashNewPassword(services, org, input.newPassword, "newPassword", e);
    const row = await op.commit(async (tx) =>
      storeNewPassword(tx, {
        employeeId: e.id,
        hash,
        changeRequired: false,
        now: services.clock.now(),
        keepSessionId: sessionIdOf(p),
        clearFailedSignIns: true,
      }),
    );
    return { employee: changeDetails(row) };
  });
}
