import { createOrganization } from "../actions/orgs/createOrganization";
import { listOrganizations } from "../actions/orgs/listOrganizations";
import { createOrganizationInput, listOrganizationsInput, orgView } from "../schemas/orgs";
import { instanceAdminProcedure, orgAdminProcedure } from "../trpc";

export const organizationRecords = {
  /** The organization the caller acts in (its own, or the one an instance admin names). */
  current: orgAdminProcedure.query(({ ctx }) => orgView(ctx.org)),
  list: instanceAdminProcedure.input(listOrganizationsInput).query(({ ctx, input }) => listOrganizations(ctx, input)),
  create: instanceAdminProcedure.input(createOrganizationInput).mutation(({ ctx, input }) => createOrganization(ctx, input)),
};
