// The write every password change shares: new hash, history, sequence, sessions, pending codes.
import type { Db, Employee } from "@latchkey/db";
import { passwordStatements } from "../../../lib/preparedPasswords";

export interface StoreNewPassword {
  employeeId: number;
  hash: string;
  changeRequired: boolean;
  now: number;
  /** The session that made the change survives it (me.changePassword); null revokes them all. */
  keepSessionId?: string | null;
  /** The caller proved the current password: clear the wrong-password counter as sign-in does. */
  clearFailedSignIns?: boolean;
}

/**
 * Runs inside op.commit: the statements are prepared on the database, and better-sqlite3's one
 * connection runs them in the transaction open on it. API tokens are left alone: only a reset
 * revokes them (docs/SPEC.md §2).
 */
export async function storeNewPassword(db: Db, s: StoreNewPassword): Promise<Employee> {
  const q = passwordStatements(db);
  const { employeeId, now } = s;
  const store = s.clearFailedSignIns ? q.storeHashClearingFailures : q.storeHash;
  const updated = (await store.execute({ employeeId, hash: s.hash, changeRequired: s.changeRequired ? 1 : 0, now }))[0]!;
  await q.remember.execute({ employeeId, hash: s.hash, now });
  await q.forget.execute({ employeeId });
  if (s.keepSessionId) {
    await q.revokeOtherSessions.execute({ employeeId, now, keepSessionId: s.keepSessionId });
    // A restricted session exists only to change the password: once done, it is a normal one.
    if (!s.changeRequired) await q.unrestrictSession.execute({ sessionId: s.keepSessionId });
  } else {
    await q.revokeSessions.execute({ employeeId, now });
  }
  // A password chosen by any route supersedes a reset still waiting to be completed.
  await revokeLiveResetCodes(db, employeeId, now);
  return updated;
}

export async function revokeLiveResetCodes(db: Db, employeeId: number, now: number): Promise<void> {
  await passwordStatements(db).revokeLiveResetCodes.execute({ employeeId, now });
}
