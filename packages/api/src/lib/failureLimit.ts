// Counters of wrong guesses, kept in `rate_limits` (the database, not process memory) so a
// restart or a second instance does not hand out fresh guesses. Reads happen before an operation;
// writes happen in `op.onFailure`, so they persist although the operation fails.
import { eq, rateLimits, sql, type DbOrTx, type Tx } from "@latchkey/db";
import { DomainError } from "../errors";
import { limitSubject } from "./clientAddress";

export interface FailureLimit {
  /** Prefix of the row key, e.g. "activate:ip". */
  scope: string;
  /** Wrong attempts within `windowMs` (counted from the first of them) that trigger the block. */
  threshold: number;
  windowMs: number;
  blockMs: number;
}

const DAY_MS = 24 * 3600_000;

/**
 * An address (an IPv6 /64) with 5 wrong activation codes within 24 h is refused for 24 h. A
 * success clears nothing: otherwise the admin of any organization could wipe their address's
 * count with codes they mint themselves and keep guessing other organizations' codes.
 */
export const ACTIVATION_FAILURE_LIMIT: FailureLimit = { scope: "activate:ip", threshold: 5, windowMs: DAY_MS, blockMs: DAY_MS };

/**
 * Keyed by the client's address (an IPv6 client by its /64). A request without a known address
 * (the console) shares one bucket: limiting it too is the safe side, and every HTTP surface
 * always knows the peer address.
 */
export function failureKey(limit: FailureLimit, ip: string | null): string {
  return `${limit.scope}:${limitSubject(ip) ?? "unknown"}`;
}

/** Milliseconds the key is still blocked for, or 0. */
export function blockedFor(db: DbOrTx, key: string, now: number): number {
  const row = db.select({ blockedUntil: rateLimits.blockedUntil }).from(rateLimits).where(eq(rateLimits.key, key)).get();
  return row?.blockedUntil != null && row.blockedUntil > now ? row.blockedUntil - now : 0;
}

export function assertNotBlocked(db: DbOrTx, key: string, now: number, makeError: (retryAfterSeconds: number) => DomainError): void {
  const ms = blockedFor(db, key, now);
  if (ms > 0) throw makeError(ms / 1000);
}

/**
 * Counts one wrong attempt. Reaching the threshold blocks the key and starts a fresh count,
 * so after the block the client again gets `threshold` tries; so does a window that ran out.
 */
export function recordFailure(tx: Tx, limit: FailureLimit, key: string, now: number): void {
  const row = tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
  const running = row !== undefined && row.count > 0 && now - row.windowStart < limit.windowMs;
  const count = (running ? row.count : 0) + 1;
  const block = count >= limit.threshold;
  const values = {
    count: block ? 0 : count,
    windowStart: running ? row.windowStart : now,
    blockedUntil: block ? now + limit.blockMs : (row?.blockedUntil ?? null),
  };
  if (row) tx.update(rateLimits).set(values).where(eq(rateLimits.key, key)).run();
  else
    tx.insert(rateLimits)
      .values({ key, ...values })
      .run();
}

/** A success ends the run of wrong attempts. */
export function resetFailures(tx: Tx, key: string): void {
  tx.delete(rateLimits).where(eq(rateLimits.key, key)).run();
}

/**
 * An installation-wide budget of wrong attempts per minute, whoever makes them: reaching it blocks
 * `key` (everyone) for `blockMs`. Guards what per-address limits cannot, an attacker with many
 * addresses. Fixed one-minute windows, counted in one row.
 */
export interface FailureBudget {
  key: string;
  perMinute: number;
  blockMs: number;
}

const MINUTE_MS = 60_000;

/** Counts one wrong attempt against the budget; true when this attempt used it up (the block starts now). */
export function spendFailureBudget(tx: Tx, budget: FailureBudget, now: number): boolean {
  if (budget.perMinute <= 0) return false;
  const expired = sql`${rateLimits.windowStart} <= ${now - MINUTE_MS}`;
  const row = tx
    .insert(rateLimits)
    .values({ key: budget.key, count: 1, windowStart: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStart: sql`CASE WHEN ${expired} THEN ${now} ELSE ${rateLimits.windowStart} END`,
      },
    })
    .returning({ count: rateLimits.count })
    .get()!;
  if (row.count < budget.perMinute) return false;
  tx.update(rateLimits)
    .set({ count: 0, windowStart: now, blockedUntil: now + budget.blockMs })
    .where(eq(rateLimits.key, budget.key))
    .run();
  return true;
}
