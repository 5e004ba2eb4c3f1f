// Not an action: the one rule for an employee's status as the API shows and filters it.
// A sign-in lockout is stored as `lockedUntil` and lifts by itself when that time passes, so
// "locked" is computed at read time rather than written (and forgotten) in `status`.
import { and, eq, gt, isNull, lte, or, type EmployeeStatus, type SQL, type Tables, type Employee } from "@latchkey/db";

export function effectiveStatus(e: Employee, now: number): EmployeeStatus {
  return e.status === "active" && e.lockedUntil !== null && e.lockedUntil > now ? "locked" : e.status;
}

/** The condition "effectiveStatus(e, now) = status", for list and count. */
export function statusIs(employees: Tables["employees"], status: EmployeeStatus, now: number): SQL {
  const active = eq(employees.status, "active");
  if (status === "locked") return or(eq(employees.status, "locked"), and(active, gt(employees.lockedUntil, now)))!;
  if (status === "active") return and(active, or(isNull(employees.lockedUntil), lte(employees.lockedUntil, now)))!;
  return eq(employees.status, status);
}
