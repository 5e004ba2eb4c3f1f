import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import type { outletRef } from "./schemas";
import { changeOutlet } from "./support/changeOutlet";

export const archiveOutlet = (ctx: OrgAdminContext, input: z.infer<typeof outletRef>) => changeOutlet(ctx, input.guid, { archived: true });
