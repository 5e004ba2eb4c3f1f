// Keyset paging in name order for the console's outlet and workplace lists. Guids are random,
// so paging by guid showed each page as a random subset of the organization. The cursor stays
// the last guid of the previous page (the API's cursor format does not change); the page starts
// after that row's (name, guid), which the (org_guid, name, guid) index serves as one range.
import { asc, sql, type SQL, type Tables } from "@latchkey/db";

type NamedTable = Tables["outlets"] | Tables["workplaces"];

/**
 * Rows after the cursor's row in (name, guid) order. The cursor row is looked up in the same
 * organization only: another organization's guid matches nothing, so its page is empty, exactly
 * like a cursor past the end.
 */
export function afterByName(table: NamedTable, orgGuid: string, cursor: string): SQL {
  return sql`(${table.name}, ${table.guid}) > (SELECT c.name, c.guid FROM ${table} AS c WHERE c.org_guid = ${orgGuid} AND c.guid = ${cursor})`;
}

export const byName = (table: NamedTable) => [asc(table.name), asc(table.guid)];
