import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import type { updateWorkplaceInput } from "./schemas";
import { changeWorkplace } from "./support/changeWorkplace";

export const updateWorkplace = (ctx: OrgAdminContext, input: z.infer<typeof updateWorkplaceInput>) =>
  changeWorkplace(ctx, input.guid, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.outletGuid !== undefined ? { outletGuid: input.outletGuid } : {}),
  });
