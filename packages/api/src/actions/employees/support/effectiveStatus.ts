// Not an action: the one rule for an employee's status as the API shows and filters it.
// A sign-in lockout is stored as `lockedUntil` and lifts by itself when that time passes, so
// "locked" is computed at read time rather than written (and forgotten) in `status`.
import { and, eq, isNull, lte, or, sql, type EmployeeStatus, type SQL, type Tables, type Employee } from "@latchkey/db";

export function effectiveStatus(e: Employee, now: number): EmployeeStatus {
  return e.status === "active" && e.lockedUntil !== null && e.lockedUntil > now ? "locked" : e.status;
}

/** The condition "effectiveStatus(e, now) = status" for an organization's employees, for list and count. */
export function statusIs(employees: Tables["employees"], orgGuid: string, status: EmployeeStatus, now: number): SQL {
  const active = eq(employees.status, "active");
  // Locked employees are few: two index seeks (employees_org_status_id_idx and the partial
  // employees_org_locked_idx) find them, where the OR of the two conditions would walk the whole
  // organization in id order until a page is full.
  if (status === "locked")
    return sql`${employees.id} IN (SELECT l.id FROM ${employees} l WHERE l.org_guid = ${orgGuid} AND l.status = 'locked'
      UNION ALL SELECT l.id FROM ${employees} l WHERE l.org_guid = ${orgGuid} AND l.status = 'active' AND l.locked_until > ${now})`;
  if (status === "active") return and(active, or(isNull(employees.lockedUntil), lte(employees.lockedUntil, now)))!;
  return eq(employees.status, status);
}
