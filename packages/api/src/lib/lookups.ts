// Org-scoped lookups. Every one takes the organization: an object of another organization is
// answered exactly like a missing one.
import {
  and,
  employees,
  eq,
  ne,
  or,
  organizations,
  outlets,
  sql,
  workplaces,
  type DbOrTx,
  type Employee,
  type Organization,
  type Outlet,
  type Workplace,
} from "@latchkey/db";
import { DomainError, notFound } from "../errors";

export function findEmployee(db: DbOrTx, orgGuid: string, guid: string): Employee | undefined {
  return db
    .select()
    .from(employees)
    .where(and(eq(employees.orgGuid, orgGuid), eq(employees.guid, guid)))
    .get();
}

export function getEmployee(db: DbOrTx, orgGuid: string, guid: string): Employee {
  const e = findEmployee(db, orgGuid, guid);
  if (!e) throw notFound("employee");
  return e;
}

export function getEmployeeById(db: DbOrTx, orgGuid: string, id: number): Employee {
  const e = db
    .select()
    .from(employees)
    .where(and(eq(employees.orgGuid, orgGuid), eq(employees.id, id)))
    .get();
  if (!e) throw notFound("employee");
  return e;
}

export function getOutlet(db: DbOrTx, orgGuid: string, guid: string): Outlet {
  const o = db
    .select()
    .from(outlets)
    .where(and(eq(outlets.orgGuid, orgGuid), eq(outlets.guid, guid)))
    .get();
  if (!o) throw notFound("outlet");
  return o;
}

export function getWorkplace(db: DbOrTx, orgGuid: string, guid: string): Workplace {
  const w = db
    .select()
    .from(workplaces)
    .where(and(eq(workplaces.orgGuid, orgGuid), eq(workplaces.guid, guid)))
    .get();
  if (!w) throw notFound("workplace");
  return w;
}

export function assertNotArchived(e: { status?: string; archived?: boolean }, what = "employee"): void {
  if (e.status === "archived" || e.archived === true) throw new DomainError("NotAllowedForArchived", `The ${what} is archived.`);
}

/**
 * The live employees a login (email or username) may mean, across organizations unless one is
 * named. Sign-in and the public reset page both start here; the same login can exist in
 * several organizations, so the caller tries each (at most 5).
 */
export function findLoginCandidates(db: DbOrTx, login: string, organizationAlias?: string): { e: Employee; org: Organization }[] {
  const lower = login.toLowerCase();
  return db
    .select({ e: employees, org: organizations })
    .from(employees)
    .innerJoin(organizations, eq(organizations.guid, employees.orgGuid))
    .where(
      and(
        or(eq(employees.email, lower), eq(employees.username, lower)),
        ne(employees.status, "archived"),
        eq(organizations.archived, false),
        organizationAlias ? eq(sql`lower(${organizations.alias})`, organizationAlias.toLowerCase()) : undefined,
      ),
    )
    .limit(5)
    .all();
}
