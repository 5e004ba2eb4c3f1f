import type { SignedInContext } from "../../trpc";
import { isOrgAdmin } from "../../lib/actingOrg";
import { prepared } from "../../lib/prepared";
import { employeeView } from "../employees/schemas";
import { orgView } from "../organizations/schemas";
import { passwordPolicyView } from "../settings/schemas";
import { employeeOf, isRestricted, roleOf } from "../../lib/principal";

/** Who the caller is, in which organization, and what the web app should let them do. */
export async function whoAmI(ctx: SignedInContext) {
  const p = ctx.principal;
  const employee = employeeOf(p);
  const org = (await prepared(ctx.services.database.db).orgByGuid.execute({ guid: p.orgGuid }))[0];
  return {
    // Public output: both kinds of token read as "token", as they always have.
    kind: p.kind === "employeeToken" || p.kind === "serviceToken" ? ("token" as const) : p.kind,
    employee: employee ? employeeView(employee, ctx.services.clock.now()) : null,
    organization: org ? orgView(org) : null,
    role: roleOf(p),
    instanceAdmin: p.instanceAdmin,
    orgAdmin: isOrgAdmin(p),
    scopes: [...p.scopes],
    restricted: isRestricted(p),
    // The rules me.changePassword will judge this employee's new password by (their own
    // organization's, as there), so the account pages can state them; null without a password.
    passwordPolicy: employee && org ? passwordPolicyView(org) : null,
  };
}
