// The write every password change shares: new hash, history, sequence, sessions, pending codes.
import { and, employees, eq, isNull, resetCodes, sessions, sql, type Employee, type Tx } from "@latchkey/db";
import { recordPasswordHistory } from "../../lib/newPassword";
import { revokeSessions } from "../../lib/revoke";

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

/** Runs inside op.commit. API tokens are left alone: only a reset revokes them (CONTRACT §2). */
export function storeNewPassword(tx: Tx, s: StoreNewPassword): Employee {
  const updated = tx
    .update(employees)
    .set({
      passwordHash: s.hash,
      passwordChangeRequired: s.changeRequired,
      passwordChangedAt: s.now,
      updatedAt: s.now,
      sequence: sql`${employees.sequence} + 1`,
      ...(s.clearFailedSignIns ? { failedSignIns: 0, failedSignInWindowStart: null, lockedUntil: null } : {}),
    })
    .where(eq(employees.id, s.employeeId))
    .returning()
    .get()!;
  recordPasswordHistory(tx, s.employeeId, s.hash, s.now);
  revokeSessions(tx, s.employeeId, s.now, s.keepSessionId ?? null);
  // A restricted session exists only to change the password: once done, it is a normal one.
  if (s.keepSessionId && !s.changeRequired) tx.update(sessions).set({ restricted: false }).where(eq(sessions.id, s.keepSessionId)).run();
  // A password chosen by any route supersedes a reset still waiting to be completed.
  revokeLiveResetCodes(tx, s.employeeId, s.now);
  return updated;
}

export function revokeLiveResetCodes(tx: Tx, employeeId: number, now: number): void {
  tx.update(resetCodes)
    .set({ revokedAt: now })
    .where(and(eq(resetCodes.employeeId, employeeId), isNull(resetCodes.consumedAt), isNull(resetCodes.revokedAt)))
    .run();
}
