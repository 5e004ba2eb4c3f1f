import type { Db } from "@latchkey/db";
import type { OrgAdminContext } from "../../../trpc";
import { DomainError } from "../../../errors";
import { assertNotArchived, requireOutlet } from "../../../lib/lookups";

/** The outlet a workplace points at is a reference in the body: a missing one is ReferenceNotFound. */
export async function liveOutlet(ctx: OrgAdminContext, tx: Db, guid: string) {
  try {
    const outlet = await requireOutlet(tx, ctx.org.guid, guid);
    assertNotArchived(outlet, "outlet");
    return outlet;
  } catch (err) {
    if (err instanceof DomainError && err.code === "NotFound")
      throw new DomainError("ReferenceNotFound", "The outlet was not found.", { field: "outletGuid" });
    throw err;
  }
}
