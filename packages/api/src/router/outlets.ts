import { archiveOutlet } from "../actions/outlets/archiveOutlet";
import { createOutlet } from "../actions/outlets/createOutlet";
import { getOutlet } from "../actions/outlets/getOutlet";
import { updateOutlet } from "../actions/outlets/updateOutlet";
import { listOutlets } from "../actions/outlets/listOutlets";
import { createOutletInput, listOutletsInput, outletRef, updateOutletInput } from "../actions/outlets/schemas";
import { orgAdminProcedure, router } from "../trpc";

/** `outlets.*`: the outlets (shops, sites) of the organization acted in. */
export const outletsRouter = router({
  list: orgAdminProcedure.input(listOutletsInput).query(({ ctx, input }) => listOutlets(ctx, input)),
  get: orgAdminProcedure.input(outletRef).query(({ ctx, input }) => getOutlet(ctx, input)),
  create: orgAdminProcedure
    .meta({ audit: "outlet.create" })
    .input(createOutletInput)
    .mutation(({ ctx, input }) => createOutlet(ctx, input)),
  update: orgAdminProcedure
    .meta({ audit: "outlet.update" })
    .input(updateOutletInput)
    .mutation(({ ctx, input }) => updateOutlet(ctx, input)),
  archive: orgAdminProcedure
    .meta({ audit: "outlet.archive" })
    .input(outletRef)
    .mutation(({ ctx, input }) => archiveOutlet(ctx, input)),
});
