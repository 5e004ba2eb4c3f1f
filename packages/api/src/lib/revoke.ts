// Revoking an employee's access: used by resets, password changes and archiving.
import { and, apiTokens, eq, isNull, ne, sessions, type Tx } from "@latchkey/db";

export function revokeSessions(tx: Tx, employeeId: number, now: number, keepSessionId: string | null = null): number {
  const conds = [eq(sessions.employeeId, employeeId), isNull(sessions.revokedAt)];
  if (keepSessionId) conds.push(ne(sessions.id, keepSessionId));
  return tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(...conds))
    .run().changes;
}

export function revokeTokens(tx: Tx, employeeId: number, now: number): number {
  return tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.employeeId, employeeId), isNull(apiTokens.revokedAt)))
    .run().changes;
}

/**
 * The tokens an employee created (themselves, or through a token of theirs), which would otherwise
 * outlive the creator's rights: ended when the creator is archived, demoted to employee or has
 * their password reset, unless an owner kept them (tokens.keep, audited as api_token.keep).
 */
export function revokeTokensCreatedBy(tx: Tx, employeeId: number, now: number): number {
  return tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.createdByEmployeeId, employeeId), isNull(apiTokens.revokedAt), eq(apiTokens.keptByOwner, false)))
    .run().changes;
}
