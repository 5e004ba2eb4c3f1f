import { z } from "zod";
import type { Workplace } from "@latchkey/db";
import { displayName, guid, includeArchived, iso, page } from "../../fields";

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

export const listWorkplacesInput = z.strictObject({
  outletGuid: guid.optional(),
  search: z.string().trim().max(200).optional(),
  includeArchived,
  ...page,
});
export const workplaceRef = z.strictObject({ guid });
export const createWorkplaceInput = z.strictObject({ outletGuid: guid, name: displayName });
export const updateWorkplaceInput = z.strictObject({ guid, name: displayName.optional(), outletGuid: guid.optional() });
