// employees.changePassword: the legacy Expenses `PATCH /Employees/{id}/ChangePassword`, by integer id.
import type { OrgAdminContext } from "../../trpc";
import { setEmployeePassword } from "./setPassword";
import { employeeOf } from "../../lib/principal";

/**
 * The legacy API has no change-required flag, so we decide by who knows the new password:
 * when an admin sets someone else's password the admin knows it too, so the employee must
 * change it at next sign-in (as employees.setPassword defaults to); when the caller changes
 * their own password nobody else knows it and the flag is cleared. Keeping the old flag
 * instead would let an admin-chosen password live on, or keep nagging an owner who just chose one.
 */
export async function changePassword(ctx: OrgAdminContext, input: { id: number; password: string }) {
  return await setEmployeePassword(ctx, {
    target: { id: input.id },
    password: input.password,
    changeRequired: (target) => employeeOf(ctx.principal)?.id !== target.id,
  });
}
