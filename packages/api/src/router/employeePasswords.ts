import { changePassword } from "../actions/passwords/changePassword";
import { changePasswordWithCurrent } from "../actions/passwords/changePasswordWithCurrent";
import { completeResetByGuid } from "../actions/passwords/completePasswordReset";
import { resetPassword } from "../actions/passwords/resetPassword";
import { setPassword } from "../actions/passwords/setPassword";
import {
  adminResetByEmailInput,
  changePasswordInput,
  changePasswordWithCurrentInput,
  completeResetByGuidInput,
  requestPasswordResetInput,
  resetPasswordInput,
  setPasswordInput,
} from "../schemas/credentials";
import { orgAdminProcedure, orgMemberProcedure } from "../trpc";

/** Password operations on an employee of the organization acted in (merged into `employees`). */
export const employeePasswords = {
  resetPassword: orgAdminProcedure
    .input(resetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, { guid: input.guid }, "auto", "employee.reset_password")),
  adminResetByEmail: orgAdminProcedure
    .input(adminResetByEmailInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, { email: input.email }, "email", "employee.admin_reset_by_email")),
  requestPasswordReset: orgAdminProcedure
    .input(requestPasswordResetInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, { guid: input.guid }, input.delivery, "employee.request_password_reset")),
  setPassword: orgAdminProcedure.input(setPasswordInput).mutation(({ ctx, input }) => setPassword(ctx, input)),
  changePassword: orgAdminProcedure.input(changePasswordInput).mutation(({ ctx, input }) => changePassword(ctx, input)),
  changePasswordWithCurrent: orgMemberProcedure
    .input(changePasswordWithCurrentInput)
    .mutation(({ ctx, input }) => changePasswordWithCurrent(ctx, input)),
  completePasswordReset: orgMemberProcedure.input(completeResetByGuidInput).mutation(({ ctx, input }) => completeResetByGuid(ctx, input)),
};
