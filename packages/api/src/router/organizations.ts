import { createOrganization } from "../actions/organizations/createOrganization";
import { listOrganizations } from "../actions/organizations/listOrganizations";
import { createOrganizationInput, listOrganizationsInput, orgView } from "../actions/organizations/schemas";
import { instanceAdminProcedure, orgAdminProcedure, router } from "../trpc";

/** `organizations.*`: the organization acted in, and (for instance admins) all of them. */
export const organizationsRouter = router({
  /** The organization the caller acts in (its own, or the one an instance admin names). */
  current: orgAdminProcedure.query(({ ctx }) => orgView(ctx.org)),
  list: instanceAdminProcedure.input(listOrganizationsInput).query(({ ctx, input }) => listOrganizations(ctx, input)),
  create: instanceAdminProcedure.input(createOrganizationInput).mutation(({ ctx, input }) => createOrganization(ctx, input)),
});
