import { z } from "zod";
import { EMPLOYEE_ROLES, EMPLOYEE_STATUSES, type Employee } from "@latchkey/db";
import { effectiveStatus } from "./support/effectiveStatus";
import { displayName, email, guid, iso, page, phone, username } from "../../fields";

/** An employee as the API shows it, with its effective status ("locked" while a lockout is in force). */
export const employeeView = (e: Employee, now: number) => ({
  guid: e.guid,
  id: e.id,
  orgGuid: e.orgGuid,
  username: e.username,
  email: e.email,
  phone: e.phone,
  displayName: e.displayName,
  role: e.role,
  status: effectiveStatus(e, now),
  passwordChangeRequired: e.passwordChangeRequired,
  passwordChangedAt: iso(e.passwordChangedAt),
  lockedUntil: iso(e.lockedUntil),
  sequence: e.sequence,
  createdAt: iso(e.createdAt)!,
  updatedAt: iso(e.updatedAt)!,
});

export const listEmployeesInput = z.strictObject({
  search: z.string().trim().max(200).optional(),
  role: z.enum(EMPLOYEE_ROLES).optional(),
  status: z.enum(EMPLOYEE_STATUSES).optional(),
  ...page,
});

export const employeeRef = z.strictObject({ guid });

export const createEmployeeInput = z
  .strictObject({
    displayName,
    email: email.optional(),
    phone: phone.optional(),
    username: username.optional(),
    role: z.enum(["admin", "employee"]).default("employee"),
  })
  .refine((v) => v.email !== undefined || v.username !== undefined || v.phone !== undefined, {
    message: "an employee needs an email, a username or a phone",
    path: ["email"],
  });

export const updateEmployeeInput = z.strictObject({
  guid,
  displayName: displayName.optional(),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  username: username.nullable().optional(),
  role: z.enum(["admin", "employee"]).optional(),
});

/** The list's filters without its paging: what `employees.count` counts. */
export const countEmployeesInput = listEmployeesInput.omit({ limit: true, cursor: true });

/** One session of the employee (`sessionId`, from `employees.sessions`), or every one. */
export const endEmployeeSessionsInput = z.strictObject({ guid, sessionId: z.string().trim().min(1).max(64).optional() });
