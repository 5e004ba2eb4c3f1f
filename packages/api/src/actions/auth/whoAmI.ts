import type { SignedInContext } from "../../trpc";
import { isOrgAdmin } from "../../lib/actingOrg";
import { prepared } from "../../lib/prepared";
import { employeeView } from "../../schemas/employees";
import { orgView } from "../../schemas/orgs";

/** Who the caller is, in which organization, and what the web app should let them do. */
export function whoAmI(ctx: SignedInContext) {
  const p = ctx.principal;
  const org = prepared(ctx.services.db).orgByGuid.get({ guid: p.orgGuid });
  return {
    kind: p.kind,
    employee: p.employee ? employeeView(p.employee) : null,
    organization: org ? orgView(org) : null,
    role: p.role,
    instanceAdmin: p.instanceAdmin,
    orgAdmin: isOrgAdmin(p),
    scopes: [...p.scopes],
    restricted: p.restricted,
  };
}
