// Employee search on PostgreSQL, bounded by the searching organization. Migration
// 0001_search_and_audit_counts indexes `lk_search_grams(org_guid, …)` with GIN: every
// trigram of an employee's lower-cased name, email, username and phone, each prefixed with the
// organization's guid. A term's grams, prefixed the same way, find only that organization's
// candidates, whatever other organizations hold; a LIKE then checks each candidate exactly.
// Terms under 3 characters have no trigram: the organization's own rows are scanned.
import { and, asc, eq, gt, or, sql, type SQL } from "drizzle-orm";
import { containsIgnoringCase } from "../containsIgnoringCase";
import type { Db, EmployeeSearch } from "../database";
import type { Employee } from "../tables";

export async function searchPostgres(db: Db, s: EmployeeSearch): Promise<Employee[]> {
  // text cannot hold NUL, so no employee matches such a term (and the query would be refused).
  if (s.term.includes("\u0000")) return [];
  const e = db.tables.employees;
  const conds: SQL[] = [eq(e.orgGuid, s.orgGuid), ...s.where];
  if ([...s.term].length >= 3)
    conds.push(
      sql`lk_search_grams(${e.orgGuid}, ${e.searchText}, ${e.email}, ${e.username}, ${e.phone}) @> lk_search_grams(${s.orgGuid}, ${s.term.toLowerCase()}, NULL, NULL, NULL)`,
    );
  conds.push(or(...[e.searchText, e.email, e.username, e.phone].map((c) => containsIgnoringCase(c, s.term)))!);
  if (s.afterId !== null) conds.push(gt(e.id, s.afterId));
  return db
    .select()
    .from(e)
    .where(and(...conds))
    .orderBy(asc(e.id))
    .limit(s.limit);
}
