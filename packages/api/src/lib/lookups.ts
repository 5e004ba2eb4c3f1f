// Org-scoped lookups. Every one takes the organization: an object of another organization is
// answered exactly like a missing one.
import { and, eq, ne, or, sql, type ApiToken, type Db, type Employee, type Organization, type Outlet, type Workplace } from "@latchkey/db";
import { DomainError, notFound } from "../errors";
import { prepared } from "./prepared";

export async function findEmployee(db: Db, orgGuid: string, guid: string): Promise<Employee | undefined> {
  return (await prepared(db).employeeInOrg.execute({ orgGuid, guid }))[0];
}

export async function requireEmployee(db: Db, orgGuid: string, guid: string): Promise<Employee> {
  const e = await findEmployee(db, orgGuid, guid);
  if (!e) throw notFound("employee");
  return e;
}

export async function requireEmployeeById(db: Db, orgGuid: string, id: number): Promise<Employee> {
  const { employees } = db.tables;
  const e = (
    await db
      .select()
      .from(employees)
      .where(and(eq(employees.orgGuid, orgGuid), eq(employees.id, id)))
  )[0];
  if (!e) throw notFound("employee");
  return e;
}

export async function requireOutlet(db: Db, orgGuid: string, guid: string): Promise<Outlet> {
  const { outlets } = db.tables;
  const o = (
    await db
      .select()
      .from(outlets)
      .where(and(eq(outlets.orgGuid, orgGuid), eq(outlets.guid, guid)))
  )[0];
  if (!o) throw notFound("outlet");
  return o;
}

export async function requireWorkplace(db: Db, orgGuid: string, guid: string): Promise<Workplace> {
  const { workplaces } = db.tables;
  const w = (
    await db
      .select()
      .from(workplaces)
      .where(and(eq(workplaces.orgGuid, orgGuid), eq(workplaces.guid, guid)))
  )[0];
  if (!w) throw notFound("workplace");
  return w;
}

/** An API token of the organization, with the guid of the employee it acts as (null for a service token). */
export async function requireApiToken(db: Db, orgGuid: string, id: string): Promise<{ t: ApiToken; employeeGuid: string | null }> {
  const { apiTokens, employees } = db.tables;
  const row = (
    await db
      .select({ t: apiTokens, employeeGuid: employees.guid })
      .from(apiTokens)
      .leftJoin(employees, eq(employees.id, apiTokens.employeeId))
      .where(and(eq(apiTokens.orgGuid, orgGuid), eq(apiTokens.id, id)))
  )[0];
  if (!row) throw notFound("API token");
  return row;
}

export function assertNotArchived(e: { status?: string; archived?: boolean }, what = "employee"): void {
  if (e.status === "archived" || e.archived === true) throw new DomainError("NotAllowedForArchived", `The ${what} is archived.`);
}

/**
 * The live employees a login (email or username) may mean, across organizations unless one is
 * named. Sign-in and the public reset page both start here; the same login can exist in
 * several organizations, so the caller tries each (at most 5).
 */
export async function findLoginCandidates(
  db: Db,
  login: string,
  organizationAlias?: string,
): Promise<{ e: Employee; org: Organization }[]> {
  const { employees, organizations } = db.tables;
  const lower = login.toLowerCase();
  return await db
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
    .limit(5);
}
