// An admin sets an employee's password (ZITADEL v1/v2 set, and the legacy Expenses change).
// Sessions are revoked so the old password's sign-ins end; API tokens stay (docs/SPEC.md §2).
import type { Employee } from "@latchkey/db";
import type { OrgAdminContext } from "../../trpc";
import { audited } from "../../lib/audited";
import { requireEmployee, requireEmployeeById } from "../../lib/lookups";
import { hashNewPassword } from "../../lib/newPassword";
import { changeDetails, type PasswordChangeOutput } from "./schemas";
import { assertMayManagePassword } from "./support/passwordGuards";
import { storeNewPassword } from "./support/storeNewPassword";

export interface SetPasswordArgs {
  target: { guid: string } | { id: number };
  password: string;
  /** A function decides per target (see changePassword). */
  changeRequired: boolean | ((target: Employee) => boolean);
}

export async function setEmployeePassword(ctx: OrgAdminContext, args: SetPasswordArgs): Promise<PasswordChangeOutput> {
  return await audited(ctx, { orgGuid: ctx.org.guid }, async (op) => {
    const { services } = ctx;
    const found =
      "guid" in args.target
        ? await requireEmployee(services.database.db, ctx.org.guid, args.target.guid)
        : await requireEmployeeById(services.database.db, ctx.org.guid, args.target.id);
    op.target("employee", found.guid);
    assertMayManagePassword(ctx.principal, found);
    const hash = await hashNewPassword(services, ctx.org, args.password, "password", found);
    const changeRequired = typeof args.changeRequired === "function" ? args.changeRequired(found) : args.changeRequired;
    const row = await op.commit(async (tx) =>
      storeNewPassword(tx, { employeeId: found.id, hash, changeRequired, now: services.clock.now() }),
    );
    return { employee: changeDetails(row) };
  });
}

/** employees.setPassword: the employee must change it at next sign-in unless `changeRequired: false`. */
export async function setPassword(ctx: OrgAdminContext, input: { guid: string; password: string; changeRequired: boolean }) {
  return await setEmployeePassword(ctx, {
    target: { guid: input.guid },
    password: input.password,
    changeRequired: input.changeRequired,
  });
}
