// Keyset paging for the list actions: a page starts after the last row of the previous one (its
// key is the cursor), so a page costs an index seek however deep it is, and rows written between
// two pages neither repeat nor shift the walk. Each list keeps the cursor format it always gave
// out; this file holds what they share: decoding, the refusal of a cursor a list did not give
// out, and the "one row more than the page" step that tells whether there is a next page.
import { asc, sql, type SQL, type Tables } from "@latchkey/db";
import { invalid } from "../errors";

/** A cursor this list and filters did not give out (another walk's, or made up): restarting would loop. */
const foreignCursor = () => invalid("cursor", "The cursor does not belong to this list and filters: start again without it.");

/**
 * The integers of a strict cursor of `parts` dot-separated integers (`<created_at>.<id>` has two),
 * undefined without a cursor; any other cursor is refused.
 */
export function decodeCursor(cursor: string | undefined, parts: number): number[] | undefined {
  if (cursor === undefined) return undefined;
  const shape = new RegExp(`^${Array.from({ length: parts }, () => "(\\d{1,15})").join("\\.")}$`);
  const match = shape.exec(cursor);
  if (!match) throw foreignCursor();
  return match.slice(1).map(Number);
}

/**
 * An integer cursor of the lenient lists (employees, mailbox, tokens): one that is not a safe
 * integer is no cursor, so the first page answers. Kept as it always was: clients page with it.
 */
export function integerCursor(cursor: string | undefined): number | null {
  const n = cursor === undefined ? NaN : Number(cursor);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * One page: `fetch` is asked for `limit + 1` rows; the first `limit` are the page, and the extra
 * row only tells that there is more, in which case the next cursor is the page's last row's key.
 */
export async function keysetPage<R>(
  limit: number,
  fetch: (take: number) => Promise<R[]>,
  cursorOf: (row: R) => string,
): Promise<{ rows: R[]; nextCursor: string | null }> {
  const fetched = await fetch(limit + 1);
  const rows = fetched.slice(0, limit);
  return { rows, nextCursor: fetched.length > limit ? cursorOf(rows[rows.length - 1]!) : null };
}

// Name order for the console's outlet and workplace lists. Guids are random, so paging by guid
// showed each page as a random subset of the organization. The cursor stays the last guid of the
// previous page (the API's cursor format does not change); the page starts after that row's
// (name, guid), which the (org_guid, name, guid) index serves as one range.
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
