import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import { requireOutlet as load } from "../../lib/lookups";
import { outletView, type outletRef } from "./schemas";

export async function getOutlet(ctx: OrgAdminContext, input: z.infer<typeof outletRef>) {
  return outletView(await load(ctx.services.database.db, ctx.org.guid, input.guid));
}
