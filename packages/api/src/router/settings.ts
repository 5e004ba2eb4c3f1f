import { getSettings } from "../actions/settings/getSettings";
import { updateSettings } from "../actions/settings/updateSettings";
import { updateSettingsInput } from "../actions/settings/schemas";
import { orgAdminProcedure, ownerProcedure, router } from "../trpc";

/** `settings.*`: the organization's password, code and lockout policies (docs/SPEC.md §3). */
export const settingsRouter = router({
  get: orgAdminProcedure.query(({ ctx }) => getSettings(ctx)),
  update: ownerProcedure
    .meta({ audit: "settings.update" })
    .input(updateSettingsInput)
    .mutation(({ ctx, input }) => updateSettings(ctx, input)),
});
