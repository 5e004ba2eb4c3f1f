import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import type { workplaceRef } from "./schemas";
import { changeWorkplace } from "./support/changeWorkplace";

export const archiveWorkplace = (ctx: OrgAdminContext, input: z.infer<typeof workplaceRef>) =>
  changeWorkplace(ctx, input.guid, { archived: true });
