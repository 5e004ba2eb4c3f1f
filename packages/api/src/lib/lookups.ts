// Org-scoped lookups. Every one takes the organization: an object of another organization is
// answered exactly like a missing one.
import { and, employees, eq, outlets, workplaces, type DbOrTx, type Employee, type Outlet, type Workplace } from "@latchkey/db";
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
