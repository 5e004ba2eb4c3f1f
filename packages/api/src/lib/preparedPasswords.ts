// Prepared statements for storing a new password (set, change, reset completion): the write
// every password operation ends with. Built with drizzle's query builder on each call they cost
// more main-thread CPU than the rest of the request outside argon2 (see BENCHMARKS.md); on a
// 2-core machine that CPU is taken from the argon2 threads.
import { and, desc, eq, isNull, ne, sql, type Db } from "@latchkey/db";
import { perDatabase } from "./prepared";

const p = sql.placeholder;

/** The most history any policy can ask for (docs/SPEC.md §3: 0..24); older rows are pruned. */
const HISTORY_KEEP = 24;

function storeHashStatement(db: Db, clearFailedSignIns: boolean) {
  const { employees } = db.tables;
  return db
    .update(employees)
    .set({
      passwordHash: sql`${p("hash")}`,
      // A comparison, so the parameter is a number on both dialects (SQLite binds no booleans).
      passwordChangeRequired: sql`(${p("changeRequired")} = 1)`,
      passwordChangedAt: sql`${p("now")}`,
      updatedAt: sql`${p("now")}`,
      sequence: sql`${employees.sequence} + 1`,
      ...(clearFailedSignIns ? { failedSignIns: 0, failedSignInWindowStart: null, lockedUntil: null } : {}),
    })
    .where(eq(employees.id, p("employeeId")))
    .returning()
    .prepare(clearFailedSignIns ? "lk_store_hash_clearing_failures" : "lk_store_hash");
}

export const passwordStatements = perDatabase((db: Db) => {
  const { passwordHistory, resetCodes, sessions } = db.tables;
  return {
    /** The newest `limit` remembered hashes of an employee, newest first. */
    history: db
      .select({ hash: passwordHistory.passwordHash })
      .from(passwordHistory)
      .where(eq(passwordHistory.employeeId, p("employeeId")))
      .orderBy(desc(passwordHistory.id))
      .limit(p("limit"))
      .prepare("lk_history"),
    storeHash: storeHashStatement(db, false),
    storeHashClearingFailures: storeHashStatement(db, true),
    remember: db
      .insert(passwordHistory)
      .values({ employeeId: p("employeeId"), passwordHash: p("hash"), createdAt: p("now") })
      .prepare("lk_remember"),
    /** Keeps the newest HISTORY_KEEP rows of the employee: one statement, walking its index. */
    forget: db
      .delete(passwordHistory)
      .where(
        and(
          eq(passwordHistory.employeeId, p("employeeId")),
          sql`${passwordHistory.id} < (SELECT ${passwordHistory.id} FROM ${passwordHistory} WHERE ${passwordHistory.employeeId} = ${p("employeeId")} ORDER BY ${passwordHistory.id} DESC LIMIT 1 OFFSET ${HISTORY_KEEP - 1})`,
        ),
      )
      .prepare("lk_forget"),
    revokeSessions: db
      .update(sessions)
      .set({ revokedAt: sql`${p("now")}` })
      .where(and(eq(sessions.employeeId, p("employeeId")), isNull(sessions.revokedAt)))
      .prepare("lk_revokeSessions"),
    revokeOtherSessions: db
      .update(sessions)
      .set({ revokedAt: sql`${p("now")}` })
      .where(and(eq(sessions.employeeId, p("employeeId")), isNull(sessions.revokedAt), ne(sessions.id, p("keepSessionId"))))
      .prepare("lk_revokeOtherSessions"),
    unrestrictSession: db
      .update(sessions)
      .set({ restricted: false })
      .where(eq(sessions.id, p("sessionId")))
      .prepare("lk_unrestrictSession"),
    revokeLiveResetCodes: db
      .update(resetCodes)
      .set({ revokedAt: sql`${p("now")}` })
      .where(and(eq(resetCodes.employeeId, p("employeeId")), isNull(resetCodes.consumedAt), isNull(resetCodes.revokedAt)))
      .prepare("lk_revokeLiveResetCodes"),
  };
});
