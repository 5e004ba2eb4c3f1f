import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import type { updateOutletInput } from "./schemas";
import { changeOutlet } from "./support/changeOutlet";

export const updateOutlet = (ctx: OrgAdminContext, input: z.infer<typeof updateOutletInput>) =>
  changeOutlet(ctx, input.guid, { name: input.name });
