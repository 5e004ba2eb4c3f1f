import { z } from "zod";
import type { Outlet, Workplace } from "@latchkey/db";
import { displayName, guid, iso, page } from "./common";

export const outletView = (o: Outlet) => ({
  guid: o.guid,
  name: o.name,
  archived: o.archived,
  createdAt: iso(o.createdAt)!,
  updatedAt: iso(o.updatedAt)!,
});

export const workplaceView = (w: Workplace, activatedBy: { guid: string; displayName: string } | null = null) => ({
  guid: w.guid,
  name: w.name,
  outletGuid: w.outletGuid,
  status: w.status,
  archived: w.archived,
  activatedAt: iso(w.activatedAt),
  activatedBy,
  createdAt: iso(w.createdAt)!,
  updatedAt: iso(w.updatedAt)!,
});

/** Archived outlets and workplaces stay out of lists unless asked for, so a page holds `limit` usable rows. */
const includeArchived = z.boolean().default(false);

export const listOutletsInput = z.strictObject({ search: z.string().trim().max(200).optional(), includeArchived, ...page });
export const outletRef = z.strictObject({ guid });
export const createOutletInput = z.strictObject({ name: displayName });
export const updateOutletInput = z.strictObject({ guid, name: displayName });

export const listWorkplacesInput = z.strictObject({
  outletGuid: guid.optional(),
  search: z.string().trim().max(200).optional(),
  includeArchived,
  ...page,
});
export const workplaceRef = z.strictObject({ guid });
export const createWorkplaceInput = z.strictObject({ outletGuid: guid, name: displayName });
export const updateWorkplaceInput = z.strictObject({ guid, name: displayName.optional(), outletGuid: guid.optional() });
