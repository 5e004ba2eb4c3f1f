import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import { getWorkplace as load } from "../../lib/lookups";
import { workplaceView, type workplaceRef } from "./schemas";

export function getWorkplace(ctx: OrgAdminContext, input: z.infer<typeof workplaceRef>) {
  return workplaceView(load(ctx.services.db, ctx.org.guid, input.guid));
}
