// The sign-in lockout counted per login as typed (normalized), whether or not any account has it:
// an unknown login locks after as many wrong passwords as a real one, for as long, so the answers
// never tell which logins exist. A real account's own counter (employees.failed_sign_ins, fed by
// wrong current passwords too) keeps counting beside it.
import { and, eq, organizations, rateLimits, sql, type DbOrTx, type Employee, type Organization, type Tx } from "@latchkey/db";
import { blockedFor } from "./failureLimit";

export interface LockoutPolicy {
  threshold: number;
  windowMs: number;
  durationMs: number;
}

/** The organizations' default (10 wrong passwords within 15 min lock for 15 min). */
export const DEFAULT_LOCKOUT: LockoutPolicy = { threshold: 10, windowMs: 900_000, durationMs: 900_000 };

export const lockoutOf = (org: Organization): LockoutPolicy => ({
  threshold: org.lockoutThreshold,
  windowMs: org.lockoutWindowSeconds * 1000,
  durationMs: org.lockoutDurationSeconds * 1000,
});

/** The row key of a login: NFKC, trimmed, lower-cased, so spellings that reach one account share it. */
export function loginKey(login: string): string {
  return `signin:login:${login.normalize("NFKC").trim().toLowerCase()}`;
}

/**
 * Whose policy counts a login: the organization the sign-in names (when it exists), else the one
 * account's organization, else the default. An unknown login in a named organization thus locks
 * like that organization's logins.
 */
export function lockoutPolicyFor(
  db: DbOrTx,
  organizationAlias: string | undefined,
  onlyCandidate: Organization | undefined,
): LockoutPolicy {
  if (organizationAlias) {
    const named = db
      .select()
      .from(organizations)
      .where(and(eq(sql`lower(${organizations.alias})`, organizationAlias.toLowerCase()), eq(organizations.archived, false)))
      .get();
    return named ? lockoutOf(named) : DEFAULT_LOCKOUT;
  }
  return onlyCandidate ? lockoutOf(onlyCandidate) : DEFAULT_LOCKOUT;
}

export const employeeLockedFor = (e: Employee, now: number): number =>
  e.lockedUntil !== null && e.lockedUntil > now ? e.lockedUntil - now : 0;

/** Milliseconds the login is still locked for, or 0. */
export const loginLockedFor = (db: DbOrTx, key: string, now: number): number => blockedFor(db, key, now);

/**
 * One wrong password for the login, counted exactly as an employee's own counter counts
 * (support/passwordGuards countWrongPassword): within the window from its first failure; reaching
 * the threshold locks for the duration.
 */
export function countLoginFailure(tx: Tx, key: string, policy: LockoutPolicy, now: number): void {
  const row = tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
  const inWindow = row !== undefined && row.count > 0 && now - row.windowStart < policy.windowMs;
  const failures = inWindow ? row.count + 1 : 1;
  const values = {
    count: failures,
    windowStart: inWindow ? row.windowStart : now,
    blockedUntil: failures >= policy.threshold ? now + policy.durationMs : (row?.blockedUntil ?? null),
  };
  if (row) tx.update(rateLimits).set(values).where(eq(rateLimits.key, key)).run();
  else
    tx.insert(rateLimits)
      .values({ key, ...values })
      .run();
}

/** A successful sign-in ends the run of wrong passwords on the login it used. */
export function clearLoginFailures(tx: Tx, key: string): void {
  tx.delete(rateLimits).where(eq(rateLimits.key, key)).run();
}
