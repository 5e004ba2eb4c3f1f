import type { SignedInContext } from "../../trpc";
import { isOrgAdmin } from "../../lib/actingOrg";
import { prepared } from "../../lib/prepared";
import { employeeView } from "../employees/schemas";
import { orgView } from "../organizations/schemas";
import { passwordPolicyView } from "../settings/schemas";

/** Who the caller is, in which organization, and what the web app should let them do. */
export async function whoAmI(ctx: SignedInContext) {
  const p = ctx.principal;
  const org = (await prepared(ctx.services.database.db).orgByGuid.execute({ guid: p.orgGuid }))[0];
  return {
    kind: p.kind,
    employee: p.employee ? employeeView(p.employee, ctx.services.clock.now()) : null,
    organization: org ? orgView(org) : null,
    role: p.role,
    instanceAdmin: p.instanceAdmin,
    orgAdmin: isOrgAdmin(p),
    scopes: [...p.scopes],
    restricted: p.restricted,
    // The rules me.changePassword will judge this employee's new password by (their own
    // organization's, as there), so the account pages can state them; null without a password.
    passwordPolicy: p.employee && org ? passwordPolicyView(org) : null,
  };
}
