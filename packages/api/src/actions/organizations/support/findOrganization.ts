import { and, eq, type Db, type Organization } from "@latchkey/db";
import { notFound } from "../../../errors";

/**
 * An organization an instance admin manages: any but the installation's own (system) one, which
 * is answered like a missing one, as `organizations.list` never shows it.
 */
export async function findManagedOrganization(db: Db, guid: string): Promise<Organization> {
  const { organizations } = db.tables;
  const [org] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.guid, guid), eq(organizations.system, false)));
  if (!org) throw notFound("organization");
  return org;
}
