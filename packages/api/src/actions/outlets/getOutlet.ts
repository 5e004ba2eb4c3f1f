import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import { getOutlet as load } from "../../lib/lookups";
import { outletView, type outletRef } from "./schemas";

export function getOutlet(ctx: OrgAdminContext, input: z.infer<typeof outletRef>) {
  return outletView(load(ctx.services.db, ctx.org.guid, input.guid));
}
