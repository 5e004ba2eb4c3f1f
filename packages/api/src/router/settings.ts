import { getSettings } from "../actions/settings/getSettings";
import { updateSettings } from "../actions/settings/updateSettings";
import { updateSettingsInput } from "../schemas/settings";
import { orgAdminProcedure, ownerProcedure } from "../trpc";

/** The organization's password, code and lockout policies (CONTRACT §3). */
export const organizationSettings = {
  get: orgAdminProcedure.query(({ ctx }) => getSettings(ctx)),
  update: ownerProcedure.input(updateSettingsInput).mutation(({ ctx, input }) => updateSettings(ctx, input)),
};
