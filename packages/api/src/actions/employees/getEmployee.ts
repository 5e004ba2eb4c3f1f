import type { z } from "zod";
import type { OrgAdminContext } from "../../trpc";
import { getEmployee as load } from "../../lib/lookups";
import { employeeView, type employeeRef } from "./schemas";

export function getEmployee(ctx: OrgAdminContext, input: z.infer<typeof employeeRef>) {
  return employeeView(load(ctx.services.db, ctx.org.guid, input.guid));
}
