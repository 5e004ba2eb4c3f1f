import { archiveEmployee } from "../actions/employees/archiveEmployee";
import { createEmployee } from "../actions/employees/createEmployee";
import { getEmployee } from "../actions/employees/getEmployee";
import { listEmployees } from "../actions/employees/listEmployees";
import { updateEmployee } from "../actions/employees/updateEmployee";
import { createEmployeeInput, employeeRef, listEmployeesInput, updateEmployeeInput } from "../schemas/employees";
import { orgAdminProcedure } from "../trpc";

/** Employee records. The credential operations on employees are in employeePasswords.ts. */
export const employeeRecords = {
  list: orgAdminProcedure.input(listEmployeesInput).query(({ ctx, input }) => listEmployees(ctx, input)),
  get: orgAdminProcedure.input(employeeRef).query(({ ctx, input }) => getEmployee(ctx, input)),
  create: orgAdminProcedure.input(createEmployeeInput).mutation(({ ctx, input }) => createEmployee(ctx, input)),
  update: orgAdminProcedure.input(updateEmployeeInput).mutation(({ ctx, input }) => updateEmployee(ctx, input)),
  archive: orgAdminProcedure.input(employeeRef).mutation(({ ctx, input }) => archiveEmployee(ctx, input)),
};
