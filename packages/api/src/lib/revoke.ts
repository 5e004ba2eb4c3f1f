// Revoking an employee's access: used by resets, password changes and archiving.
import { and, eq, isNull, ne, type Tx } from "@latchkey/db";

export async function revokeSessions(tx: Tx, employeeId: number, now: number, keepSessionId: string | null = null): Promise<number> {
  const { sessions } = tx.tables;
  const conds = [eq(sessions.employeeId, employeeId), isNull(sessions.revokedAt)];
  if (keepSessionId) conds.push(ne(sessions.id, keepSessionId));
  return (
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(...conds))
      .returning({ id: sessions.id })
  ).length;
}

export async function revokeTokens(tx: Tx, employeeId: number, now: number): Promise<number> {
  const { apiTokens } = tx.tables;
  return (
    await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.employeeId, employeeId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id })
  ).length;
}

/**
 * The tokens an employee created (themselves, or through a token of theirs), which would otherwise
 * outlive the creator's rights: ended when the creator is archived, demoted to employee or has
 * their password reset, unless an owner kept them (tokens.keep, audited as api_token.keep).
 */
export async function revokeTokensCreatedBy(tx: Tx, employeeId: number, now: number): Promise<number> {
  const { apiTokens } = tx.tables;
  return (
    await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.createdByEmployeeId, employeeId), isNull(apiTokens.revokedAt), eq(apiTokens.keptByOwner, false)))
      .returning({ id: apiTokens.id })
  ).length;
}
