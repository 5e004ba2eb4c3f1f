// Employee search on PostgreSQL, bounded by the searching organization. Migration
// 0001_search_and_audit_counts indexes `lk_search_grams(org_guid, …)` with GIN: every
// trigram of an employee's lower-cased name, email, username and phone, each prefixed with the
// organization's guid. A term's grams, prefixed the same way, find only that organization's
// candidates, whatever other organizations hold; a LIKE then checks each candidate exactly.
// Terms under 3 characters have no trigram: the organization's own rows are scanned.
//
// A GIN index answers in no particular order: a page in id order means reading every match and
// sorting them. For a rare term that is a handful of rows; for a common one ("maria" in a million
// employees: 83,000 matches) it was 150 ms for a page of 50. A common term, though, fills a page
// within a few hundred rows of the organization read in id order. So a page first walks the next
// WALK_ROWS_PER_RESULT × limit rows of the organization (a range of its (org, id) index) and
// checks each; only a term that did not fill the page there, one matching under 1 row in
// WALK_ROWS_PER_RESULT, goes to the gram index, for the rows past the walk. Either way the work is
// bounded: the walk by its length, the index by how rare the term has proven to be.
import { and, asc, count, eq, gt, lte, or, sql, type SQL } from "drizzle-orm";
import { containsIgnoringCase } from "../containsIgnoringCase";
import type { Db, EmployeeMatchCount, EmployeeSearch } from "../database";
import type { Employee } from "../tables";

/** A term matching at least one row in this many fills its page by walking (see above). */
const WALK_ROWS_PER_RESULT = 20;
const TRIGRAM_MIN_LENGTH = 3;

type Term = Pick<EmployeeSearch, "orgGuid" | "where" | "term">;

/** Conditions every match meets: its organization, the caller's filters, the exact substring test. */
function matching(db: Db, s: Term): SQL[] {
  const e = db.tables.employees;
  const like = or(...[e.searchText, e.email, e.username, e.phone].map((c) => containsIgnoringCase(c, s.term)))!;
  return [eq(e.orgGuid, s.orgGuid), ...s.where, like];
}

/** The gram index's candidates for a term of 3+ characters (a superset of the matches). */
function byGrams(db: Db, s: Term): SQL[] {
  const e = db.tables.employees;
  if ([...s.term].length < TRIGRAM_MIN_LENGTH) return [];
  return [
    sql`lk_search_grams(${e.orgGuid}, ${e.searchText}, ${e.email}, ${e.username}, ${e.phone}) @> lk_search_grams(${s.orgGuid}, ${s.term.toLowerCase()}, NULL, NULL, NULL)`,
  ];
}

/** The id of the organization's `rows`-th employee after `afterId`, or null when fewer remain. */
async function walkEnd(db: Db, s: EmployeeSearch, rows: number): Promise<number | null> {
  const e = db.tables.employees;
  const ahead = db
    .select({ id: e.id })
    .from(e)
    .where(and(eq(e.orgGuid, s.orgGuid), s.afterId === null ? undefined : gt(e.id, s.afterId)))
    .orderBy(asc(e.id))
    .limit(rows)
    .as("ahead");
  const [row] = await db.select({ last: sql<string | number | null>`max(${ahead.id})`, n: count() }).from(ahead);
  // Fewer rows than asked for: the walk reaches the organization's end.
  return row && row.n === rows && row.last !== null ? Number(row.last) : null;
}

export async function searchPostgres(db: Db, s: EmployeeSearch): Promise<Employee[]> {
  // text cannot hold NUL, so no employee matches such a term (and the query would be refused).
  if (s.term.includes("\u0000")) return [];
  const e = db.tables.employees;
  const after = s.afterId === null ? [] : [gt(e.id, s.afterId)];
  const page = (conds: SQL[], limit: number) =>
    db
      .select()
      .from(e)
      .where(and(...conds))
      .orderBy(asc(e.id))
      .limit(limit);
  const grams = byGrams(db, s);
  if (grams.length === 0) return page([...matching(db, s), ...after], s.limit);

  const end = await walkEnd(db, s, s.limit * WALK_ROWS_PER_RESULT);
  const walked = await page([...matching(db, s), ...after, ...(end === null ? [] : [lte(e.id, end)])], s.limit);
  if (end === null || walked.length === s.limit) return walked;
  return [...walked, ...(await page([...matching(db, s), ...grams, gt(e.id, end)], s.limit - walked.length))];
}

/** How many employees match, up to `upTo`: any `upTo` matches will do, so no order and no sort. */
export async function countPostgresMatches(db: Db, s: EmployeeMatchCount): Promise<number> {
  if (s.term.includes("\u0000")) return 0;
  const e = db.tables.employees;
  const upTo = db
    .select({ one: sql`1` })
    .from(e)
    .where(and(...matching(db, s), ...byGrams(db, s)))
    .limit(s.upTo)
    .as("upto");
  const [row] = await db.select({ n: count() }).from(upTo);
  return Number(row?.n ?? 0);
}
