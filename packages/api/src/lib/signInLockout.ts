// The sign-in lockout counted per login as typed (normalized), whether or not any account has it:
// an unknown login locks after as many wrong passwords as a real one, for as long, so the answers
// never tell which logins exist. A real account's own counter (employees.failed_sign_ins, fed by
// wrong current passwords too) keeps counting beside it.
import { and, eq, sql, type Db, type Employee, type Organization, type Tx } from "@latchkey/db";
import { blockedFor } from "./failureLimit";

export interface LockoutPolicy {
  threshold: number;
  windowMs: number;
  durationMs: number;
}

/** The organizations' default (10 wrong passwords within 15 min lock for 15 min). */
const DEFAULT_LOCKOUT: LockoutPolicy = { threshold: 10, windowMs: 900_000, durationMs: 900_000 };

const lockoutOf = (org: Organization): LockoutPolicy => ({
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
export async function lockoutPolicyFor(
  db: Db,
  organizationAlias: string | undefined,
  onlyCandidate: Organization | undefined,
): Promise<LockoutPolicy> {
  const { organizations } = db.tables;
  if (organizationAlias) {
    const named = (
      await db
        .select()
        .from(organizations)
        .where(and(eq(sql`lower(${organizations.alias})`, organizationAlias.toLowerCase()), eq(organizations.archived, false)))
    )[0];
    return named ? lockoutOf(named) : DEFAULT_LOCKOUT;
  }
  return onlyCandidate ? lockoutOf(onlyCandidate) : DEFAULT_LOCKOUT;
}

export const employeeLockedFor = (e: Employee, now: number): number =>
  e.lockedUntil !== null && e.lockedUntil > now ? e.lockedUntil - now : 0;

/** Milliseconds the login is still locked for, or 0. */
export const loginLockedFor = (db: Db, key: string, now: number): Promise<number> => blockedFor(db, key, now);

/**
 * One wrong password for the login, counted exactly as an employee's own counter counts
 * (support/passwordGuards countWrongPassword): within the window from its first failure; reaching
 * the threshold locks for the duration.
 */
export async function countLoginFailure(tx: Tx, key: string, policy: LockoutPolicy, now: number): Promise<void> {
  const { rateLimits } = tx.tables;
  // One statement: failures counted at once, on any instance, all count.
  const inWindow = sql`(${rateLimits.count} > 0 AND ${rateLimits.windowStart} > ${now - policy.windowMs})`;
  const failures = sql`(CASE WHEN ${inWindow} THEN ${rateLimits.count} + 1 ELSE 1 END)`;
  await tx
    .insert(rateLimits)
    .values({ key, count: 1, windowStart: now, blockedUntil: policy.threshold <= 1 ? now + policy.durationMs : null })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: failures,
        windowStart: sql`CASE WHEN ${inWindow} THEN ${rateLimits.windowStart} ELSE ${now} END`,
        blockedUntil: sql`CASE WHEN ${failures} >= ${policy.threshold} THEN ${now + policy.durationMs} ELSE ${rateLimits.blockedUntil} END`,
      },
    });
}

/** A successful sign-in ends the run of wrong passwords on the login it used. */
export async function clearLoginFailures(tx: Tx, key: string): Promise<void> {
  const { rateLimits } = tx.tables;
  await tx.delete(rateLimits).where(eq(rateLimits.key, key));
}
