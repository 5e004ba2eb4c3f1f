// Which organization a request acts in: the caller's own, unless it names another. Naming
// one the caller has no rights in is answered exactly like naming one that does not exist.
import type { Organization } from "@latchkey/db";
import type { Context, Principal } from "../context";
import { DomainError, notFound } from "../errors";
import { prepared } from "./prepared";
import { roleOf } from "./principal";

export async function resolveActingOrg(ctx: Context, principal: Principal): Promise<Organization> {
  const q = prepared(ctx.services.database.db);
  const named = ctx.meta.org;
  let org: Organization | undefined;
  // The caller's own organization was read with its credential.
  if (named?.guid !== undefined && named.guid === principal.org?.guid) org = principal.org;
  else if (named?.guid !== undefined) org = (await q.orgByGuid.execute({ guid: named.guid }))[0];
  else if (named?.alias !== undefined) org = (await q.orgByAlias.execute({ alias: named.alias }))[0];
  else org = principal.org ?? (await q.orgByGuid.execute({ guid: principal.orgGuid }))[0];
  if (named?.guid !== undefined && named.alias !== undefined && org && org.alias.toLowerCase() !== named.alias.toLowerCase()) {
    org = undefined;
  }
  if (!org || (org.guid !== principal.orgGuid && !principal.instanceAdmin)) throw notFound("organization");
  if (org.archived) throw new DomainError("NotAllowedForArchived", "The organization is archived.");
  return org;
}

export function isOrgAdmin(principal: Principal): boolean {
  if (principal.instanceAdmin) return true;
  if (!principal.scopes.includes("admin")) return false;
  // A service token's rights are its scopes; an employee's token or session, also its role.
  const role = roleOf(principal);
  return principal.kind === "serviceToken" || role === "owner" || role === "admin";
}
