import { archiveWorkplace } from "../actions/workplaces/archiveWorkplace";
import { createWorkplace } from "../actions/workplaces/createWorkplace";
import { getWorkplace } from "../actions/workplaces/getWorkplace";
import { updateWorkplace } from "../actions/workplaces/updateWorkplace";
import { listWorkplaces } from "../actions/workplaces/listWorkplaces";
import { createWorkplaceInput, listWorkplacesInput, updateWorkplaceInput, workplaceRef } from "../schemas/workplaces";
import { orgAdminProcedure } from "../trpc";

/** Workplace records. Activation codes are in activationCodes.ts. */
export const workplaceRecords = {
  list: orgAdminProcedure.input(listWorkplacesInput).query(({ ctx, input }) => listWorkplaces(ctx, input)),
  get: orgAdminProcedure.input(workplaceRef).query(({ ctx, input }) => getWorkplace(ctx, input)),
  create: orgAdminProcedure.input(createWorkplaceInput).mutation(({ ctx, input }) => createWorkplace(ctx, input)),
  update: orgAdminProcedure.input(updateWorkplaceInput).mutation(({ ctx, input }) => updateWorkplace(ctx, input)),
  archive: orgAdminProcedure.input(workplaceRef).mutation(({ ctx, input }) => archiveWorkplace(ctx, input)),
};
