// Substring search over employees through `employees_search`, an FTS5 table with the trigram
// tokenizer kept in sync with `employees` by triggers (migration 0001_employee_search). A
// LIKE '%term%' over a million employees scans every row (~1 s); the trigram index answers in
// well under a millisecond, in id order, so keyset pages stop early. It is declared here, not in
// ./schema, so drizzle-kit never tries to create it as a plain table.
import { and, asc, eq, getTableColumns, gt, sql, type SQL } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "./client";
import { employees, type Employee } from "./schema/employees";

export const employeesSearch = sqliteTable("employees_search", {
  rowid: integer("rowid").notNull(),
  searchText: text("search_text"),
  email: text("email"),
  username: text("username"),
  phone: text("phone"),
});

/** Trigrams index substrings of 3 characters or more; a shorter term can not use the index. */
export const TRIGRAM_MIN_LENGTH = 3;

/** True when `term` can be answered by the trigram index (else the caller scans with LIKE). */
export function searchableByTrigram(term: string): boolean {
  // FTS5 reads its query up to a NUL: such a term is matched by LIKE instead.
  return [...term].length >= TRIGRAM_MIN_LENGTH && !term.includes("\u0000");
}

export interface EmployeeSearch {
  /** Conditions on `employees` (organization, role, status). */
  where: SQL[];
  term: string;
  /** Keyset cursor: only ids above it. */
  afterId: number | null;
  limit: number;
}

/**
 * Employees whose display name, email, username or phone contains `term` (case-insensitive),
 * in id order. The index is walked in rowid order and each hit is checked against `where`,
 * so a page costs about as many index hits as it skips.
 */
export function searchEmployees(db: DbOrTx, s: EmployeeSearch): Employee[] {
  // A phrase query: the term's trigrams in a row, i.e. a substring; quotes are doubled.
  const phrase = `"${s.term.replace(/"/g, '""')}"`;
  const conds = [sql`${employeesSearch} MATCH ${phrase}`, ...s.where];
  if (s.afterId !== null) conds.push(gt(employeesSearch.rowid, s.afterId));
  return db
    .select(getTableColumns(employees))
    .from(employeesSearch)
    .innerJoin(employees, eq(employees.id, employeesSearch.rowid))
    .where(and(...conds))
    .orderBy(asc(employeesSearch.rowid))
    .limit(s.limit)
    .all();
}
