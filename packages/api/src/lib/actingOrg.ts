// Which organization a request acts in: the caller's own, unless it names another. Naming
// one the caller has no rights in is answered exactly like naming one that does not exist.
import type { Organization } from "@latchkey/db";
import type { Context, Principal } from "../context";
import { DomainError, notFound } from "../errors";
import { prepared } from "./prepared";

export function resolveActingOrg(ctx: Context, principal: Principal): Organization {
  const q = prepared(ctx.services.db);
  const named = ctx.meta.org;
  let org: Organization | undefined;
  if (named?.guid !== undefined) org = q.orgByGuid.get({ guid: named.guid });
  else if (named?.alias !== undefined) org = q.orgByAlias.get({ alias: named.alias });
  else org = q.orgByGuid.get({ guid: principal.orgGuid });
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
  return principal.role === null || principal.role === "owner" || principal.role === "admin";
}
