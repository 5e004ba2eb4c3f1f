import type { OrgAdminContext } from "../../trpc";
import { settingsView } from "./schemas";

/** The policies of the organization acted in (read by its admins, changed by its owner). */
export function getSettings(ctx: OrgAdminContext) {
  return settingsView(ctx.org);
}
