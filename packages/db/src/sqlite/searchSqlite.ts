// Employee search on SQLite. `employees_search` is an FTS5 table with the trigram tokenizer,
// kept in sync with `employees` by triggers (migration 0001_employee_search): a LIKE '%term%'
// over a million employees scans every row (~1 s), the index answers in well under a
// millisecond, in id order, so keyset pages stop early. It is declared here, not in ./schema,
// so drizzle-kit never tries to create it as a plain table.
//
// The index is installation-wide: walking it costs what the term matches in every
// organization. An organization small enough is searched by scanning its own rows instead (its
// index range, at most SMALL_ORG rows), so a search in a small organization never pays for a
// large one beside it; a large organization pays for what its term matches.
import { and, asc, eq, getTableColumns, gt, or, sql, type SQL } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Db, EmployeeMatchCount, EmployeeSearch } from "../database";
import { containsIgnoringCase } from "../containsIgnoringCase";
import type { Employee } from "../tables";
import * as schema from "./schema";

const employeesSearch = sqliteTable("employees_search", {
  rowid: integer("rowid").notNull(),
  searchText: text("search_text"),
  email: text("email"),
  username: text("username"),
  phone: text("phone"),
});

/** Trigrams index substrings of 3 characters or more; a shorter term can not use the index. */
const TRIGRAM_MIN_LENGTH = 3;
/** Organizations with at most this many employees are scanned rather than searched by index. */
export const SMALL_ORG = 2000;

function byTrigram(term: string): boolean {
  // FTS5 reads its query up to a NUL: such a term is matched by LIKE instead.
  return [...term].length >= TRIGRAM_MIN_LENGTH && !term.includes("\u0000");
}

type SqliteHandle = Db & { all(query: SQL): Promise<unknown[]> };

async function isSmall(db: SqliteHandle, orgGuid: string): Promise<boolean> {
  const e = schema.employees;
  const rows = (await db.all(
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${e} WHERE ${e.orgGuid} = ${orgGuid} LIMIT ${SMALL_ORG + 1})`,
  )) as { n: number }[];
  return rows[0]!.n <= SMALL_ORG;
}

export async function searchSqlite(handle: Db, s: EmployeeSearch): Promise<Employee[]> {
  // The handle is drizzle's SQLite database at run time; its typed builder is PostgreSQL's.
  const db = handle as SqliteHandle;
  if (s.term.includes("\u0000")) return [];
  const e = schema.employees;
  const conds: SQL[] = [eq(e.orgGuid, s.orgGuid), ...s.where];
  if (byTrigram(s.term) && !(await isSmall(db, s.orgGuid))) {
    // A phrase query: the term's trigrams in a row, i.e. a substring; quotes are doubled.
    const phrase = `"${s.term.replace(/"/g, '""')}"`;
    conds.push(sql`${employeesSearch} MATCH ${phrase}`);
    if (s.afterId !== null) conds.push(gt(employeesSearch.rowid, s.afterId));
    return (await db
      .select(getTableColumns(e) as never)
      .from(employeesSearch as never)
      .innerJoin(e as never, eq(e.id, employeesSearch.rowid) as never)
      .where(and(...conds))
      .orderBy(asc(employeesSearch.rowid) as never)
      .limit(s.limit)) as Employee[];
  }
  conds.push(or(...[e.searchText, e.email, e.username, e.phone].map((c) => containsIgnoringCase(c, s.term)))!);
  if (s.afterId !== null) conds.push(gt(e.id, s.afterId));
  return (await db
    .select()
    .from(e as never)
    .where(and(...conds))
    .orderBy(asc(e.id) as never)
    .limit(s.limit)) as Employee[];
}

/** The FTS5 index yields matches in id order, so counting is the first `upTo` of a search. */
export async function countSqliteMatches(handle: Db, c: EmployeeMatchCount): Promise<number> {
  return (await searchSqlite(handle, { ...c, afterId: null, limit: c.upTo })).length;
}
