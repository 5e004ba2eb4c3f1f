import { archiveEmployee } from "../actions/employees/archiveEmployee";
import { countEmployees } from "../actions/employees/countEmployees";
import { createEmployee } from "../actions/employees/createEmployee";
import { endEmployeeSessions } from "../actions/employees/endEmployeeSessions";
import { getEmployee } from "../actions/employees/getEmployee";
import { listEmployees } from "../actions/employees/listEmployees";
import { listEmployeeSessions } from "../actions/employees/listEmployeeSessions";
import { listEmployeeTokens } from "../actions/employees/listEmployeeTokens";
import {
  countEmployeesInput,
  createEmployeeInput,
  employeeRef,
  endEmployeeSessionsInput,
  listEmployeesInput,
  updateEmployeeInput,
} from "../actions/employees/schemas";
import { unlockEmployee } from "../actions/employees/unlockEmployee";
import { updateEmployee } from "../actions/employees/updateEmployee";
import { changePassword } from "../actions/passwords/changePassword";
import { changePasswordWithCurrent } from "../actions/passwords/changePasswordWithCurrent";
import { completeResetByGuid } from "../actions/passwords/completePasswordReset";
import { resetPassword } from "../actions/passwords/resetPassword";
import {
  adminResetByEmailInput,
  changePasswordInput,
  changePasswordWithCurrentInput,
  completeResetByGuidInput,
  requestPasswordResetInput,
  resetPasswordInput,
  setPasswordInput,
} from "../actions/passwords/schemas";
import { setPassword } from "../actions/passwords/setPassword";
import type { AuditNaming } from "../lib/auditActions";
import { orgAdminProcedure, orgMemberProcedure, router } from "../trpc";

/** One session ended, or all of them: a raw input that names no session ends all (as its schema reads it). */
const endSessionsAudit: AuditNaming = (raw) =>
  typeof raw === "object" && raw !== null && (raw as { sessionId?: unknown }).sessionId !== undefined
    ? "employee.end_session"
    : "employee.end_all_sessions";

/** `employees.*`: the employee records of the organization acted in, and the password operations on them. */
export const employeesRouter = router({
  list: orgAdminProcedure.input(listEmployeesInput).query(({ ctx, input }) => listEmployees(ctx, input)),
  get: orgAdminProcedure.input(employeeRef).query(({ ctx, input }) => getEmployee(ctx, input)),
  create: orgAdminProcedure
    .meta({ audit: "employee.create" })
    .input(createEmployeeInput)
    .mutation(({ ctx, input }) => createEmployee(ctx, input)),
  update: orgAdminProcedure
    .meta({ audit: "employee.update" })
    .input(updateEmployeeInput)
    .mutation(({ ctx, input }) => updateEmployee(ctx, input)),
  archive: orgAdminProcedure
    .meta({ audit: "employee.archive" })
    .input(employeeRef)
    .mutation(({ ctx, input }) => archiveEmployee(ctx, input)),
  count: orgAdminProcedure.input(countEmployeesInput).query(({ ctx, input }) => countEmployees(ctx, input)),
  sessions: orgAdminProcedure.input(employeeRef).query(({ ctx, input }) => listEmployeeSessions(ctx, input)),
  endSessions: orgAdminProcedure
    .meta({ audit: endSessionsAudit })
    .input(endEmployeeSessionsInput)
    .mutation(({ ctx, input }) => endEmployeeSessions(ctx, input)),
  tokens: orgAdminProcedure.input(employeeRef).query(({ ctx, input }) => listEmployeeTokens(ctx, input)),
  unlock: orgAdminProcedure
    .meta({ audit: "employee.unlock" })
    .input(employeeRef)
    .mutation(({ ctx, input }) => unlockEmployee(ctx, input)),

  resetPassword: orgAdminProcedure
    .meta({ audit: "employee.reset_password" })
    .input(resetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, { guid: input.guid }, "auto")),
  adminResetByEmail: orgAdminProcedure
    .meta({ audit: "employee.admin_reset_by_email" })
    .input(adminResetByEmailInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, { email: input.email }, "email")),
  requestPasswordReset: orgAdminProcedure
    .meta({ audit: "employee.request_password_reset" })
    .input(requestPasswordResetInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, { guid: input.guid }, input.delivery, input.urlTemplate)),
  setPassword: orgAdminProcedure
    .meta({ audit: "employee.set_password" })
    .input(setPasswordInput)
    .mutation(({ ctx, input }) => setPassword(ctx, input)),
  changePassword: orgAdminProcedure
    .meta({ audit: "employee.change_password" })
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx, input)),
  changePasswordWithCurrent: orgMemberProcedure
    .meta({ audit: "employee.change_password_with_current" })
    .input(changePasswordWithCurrentInput)
    .mutation(({ ctx, input }) => changePasswordWithCurrent(ctx, input)),
  completePasswordReset: orgMemberProcedure
    .meta({ audit: "employee.complete_password_reset" })
    .input(completeResetByGuidInput)
    .mutation(({ ctx, input }) => completeResetByGuid(ctx, input)),
});
