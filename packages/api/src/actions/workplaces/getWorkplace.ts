import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import { requireWorkplace as load } from "../../lib/lookups";
import { workplaceView, type workplaceRef } from "./schemas";

export async function getWorkplace(ctx: OrgAdminContext, input: z.infer<typeof workplaceRef>) {
  return workplaceView(await load(ctx.services.database.db, ctx.org.guid, input.guid));
}
