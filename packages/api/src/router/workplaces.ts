import { generateActivationCode } from "../actions/activation/generateActivationCode";
import { generateActivationCodeInput } from "../actions/activation/schemas";
import { archiveWorkplace } from "../actions/workplaces/archiveWorkplace";
import { createWorkplace } from "../actions/workplaces/createWorkplace";
import { getWorkplace } from "../actions/workplaces/getWorkplace";
import { listWorkplaces } from "../actions/workplaces/listWorkplaces";
import { createWorkplaceInput, listWorkplacesInput, updateWorkplaceInput, workplaceRef } from "../actions/workplaces/schemas";
import { updateWorkplace } from "../actions/workplaces/updateWorkplace";
import { orgAdminProcedure, router } from "../trpc";

/** `workplaces.*`: workplace records, and issuing their activation codes (an admin's act on a workplace). */
export const workplacesRouter = router({
  list: orgAdminProcedure.input(listWorkplacesInput).query(({ ctx, input }) => listWorkplaces(ctx, input)),
  get: orgAdminProcedure.input(workplaceRef).query(({ ctx, input }) => getWorkplace(ctx, input)),
  create: orgAdminProcedure
    .meta({ audit: "workplace.create" })
    .input(createWorkplaceInput)
    .mutation(({ ctx, input }) => createWorkplace(ctx, input)),
  update: orgAdminProcedure
    .meta({ audit: "workplace.update" })
    .input(updateWorkplaceInput)
    .mutation(({ ctx, input }) => updateWorkplace(ctx, input)),
  archive: orgAdminProcedure
    .meta({ audit: "workplace.archive" })
    .input(workplaceRef)
    .mutation(({ ctx, input }) => archiveWorkplace(ctx, input)),
  generateActivationCode: orgAdminProcedure
    .meta({ audit: "workplace.generate_activation_code" })
    .input(generateActivationCodeInput)
    .mutation(({ ctx, input }) => generateActivationCode(ctx, input)),
});
