import { z } from "zod";
import type { Outlet } from "@latchkey/db";
import { displayName, guid, includeArchived, iso, page } from "../../fields";

export const outletView = (o: Outlet) => ({
  guid: o.guid,
  name: o.name,
  archived: o.archived,
  createdAt: iso(o.createdAt)!,
  updatedAt: iso(o.updatedAt)!,
});

export const listOutletsInput = z.strictObject({ search: z.string().trim().max(200).optional(), includeArchived, ...page });
export const outletRef = z.strictObject({ guid });
export const createOutletInput = z.strictObject({ name: displayName });
export const updateOutletInput = z.strictObject({ guid, name: displayName });
