import { archiveOrganization } from "../actions/organizations/archiveOrganization";
import { createOrganization } from "../actions/organizations/createOrganization";
import { listOrganizations } from "../actions/organizations/listOrganizations";
import { renameOrganization } from "../actions/organizations/renameOrganization";
import {
  createOrganizationInput,
  listOrganizationsInput,
  organizationRef,
  orgView,
  renameOrganizationInput,
} from "../actions/organizations/schemas";
import { instanceAdminProcedure, orgAdminProcedure, router } from "../trpc";

/** `organizations.*`: the organization acted in, and (for instance admins) all of them. */
export const organizationsRouter = router({
  /** The organization the caller acts in (its own, or the one an instance admin names). */
  current: orgAdminProcedure.query(({ ctx }) => orgView(ctx.org)),
  list: instanceAdminProcedure.input(listOrganizationsInput).query(({ ctx, input }) => listOrganizations(ctx, input)),
  create: instanceAdminProcedure
    .meta({ audit: "organization.create" })
    .input(createOrganizationInput)
    .mutation(({ ctx, input }) => createOrganization(ctx, input)),
  rename: instanceAdminProcedure
    .meta({ audit: "organization.rename" })
    .input(renameOrganizationInput)
    .mutation(({ ctx, input }) => renameOrganization(ctx, input)),
  archive: instanceAdminProcedure
    .meta({ audit: "organization.archive" })
    .input(organizationRef)
    .mutation(({ ctx, input }) => archiveOrganization(ctx, input)),
});
