import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import { requireEmployee as load } from "../../lib/lookups";
import { employeeView, type employeeRef } from "./schemas";

export async function getEmployee(ctx: OrgAdminContext, input: z.infer<typeof employeeRef>) {
  return employeeView(await load(ctx.services.database.db, ctx.org.guid, input.guid), ctx.services.clock.now());
}
