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
import { orgAdminProcedure, orgMemberProcedure, router } from "../trpc";

/** `employees.*`: the employee records of the organization acted in, and the password operations on them. */
export const employeesRouter = router({
  list: orgAdminProcedure.input(listEmployeesInput).query(({ ctx, input }) => listEmployees(ctx, input)),
  get: orgAdminProcedure.input(employeeRef).query(({ ctx, input }) => getEmployee(ctx, input)),
  create: orgAdminProcedure.input(createEmployeeInput).mutation(({ ctx, input }) => createEmployee(ctx, input)),
  update: orgAdminProcedure.input(updateEmployeeInput).mutation(({ ctx, input }) => updateEmployee(ctx, input)),
  archive: orgAdminProcedure.input(employeeRef).mutation(({ ctx, input }) => archiveEmployee(ctx, input)),
  count: orgAdminProcedure.input(countEmployeesInput).query(({ ctx, input }) => countEmployees(ctx, input)),
  sessions: orgAdminProcedure.input(employeeRef).query(({ ctx, input }) => listEmployeeSessions(ctx, input)),
  endSessions: orgAdminProcedure.input(endEmployeeSessionsInput).mutation(({ ctx, input }) => endEmployeeSessions(ctx, input)),
  tokens: orgAdminProcedure.input(employeeRef).query(({ ctx, input }) => listEmployeeTokens(ctx, input)),
  unlock: orgAdminProcedure.input(employeeRef).mutation(({ ctx, input }) => unlockEmployee(ctx, input)),

  resetPassword: orgAdminProcedure
    .input(resetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, { guid: input.guid }, "auto", "employee.reset_password")),
  adminResetByEmail: orgAdminProcedure
    .input(adminResetByEmailInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, { email: input.email }, "email", "employee.admin_reset_by_email")),
  requestPasswordReset: orgAdminProcedure
    .input(requestPasswordResetInput)
    .mutation(({ ctx, input }) =>
      resetPassword(ctx, { guid: input.guid }, input.delivery, "employee.request_password_reset", input.urlTemplate),
    ),
  setPassword: orgAdminProcedure.input(setPasswordInput).mutation(({ ctx, input }) => setPassword(ctx, input)),
  changePassword: orgAdminProcedure.input(changePasswordInput).mutation(({ ctx, input }) => changePassword(ctx, input)),
  changePasswordWithCurrent: orgMemberProcedure
    .input(changePasswordWithCurrentInput)
    .mutation(({ ctx, input }) => changePasswordWithCurrent(ctx, input)),
  completePasswordReset: orgMemberProcedure.input(completeResetByGuidInput).mutation(({ ctx, input }) => completeResetByGuid(ctx, input)),
});
