// Counters of wrong guesses, kept in `rate_limits` (the database, not process memory) so a
// restart or a second instance does not hand out fresh guesses. Reads happen before an operation;
// writes happen in `op.onFailure`, so they persist although the operation fails.
import { eq, sql, type Db, type Tx } from "@latchkey/db";
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
export async function blockedFor(db: Db, key: string, now: number): Promise<number> {
  const { rateLimits } = db.tables;
  const [row] = await db.select({ blockedUntil: rateLimits.blockedUntil }).from(rateLimits).where(eq(rateLimits.key, key));
  return row?.blockedUntil != null && row.blockedUntil > now ? row.blockedUntil - now : 0;
}

export async function assertNotBlocked(
  db: Db,
  key: string,
  now: number,
  makeError: (retryAfterSeconds: number) => DomainError,
): Promise<void> {
  const ms = await blockedFor(db, key, now);
  if (ms > 0) throw makeError(ms / 1000);
}

/**
 * Counts one wrong attempt. Reaching the threshold blocks the key and starts a fresh count,
 * so after the block the client again gets `threshold` tries; so does a window that ran out.
 * One statement, so attempts counted at once by several instances are never lost.
 */
export async function recordFailure(
  tx: Tx,
  limit: Pick<FailureLimit, "threshold" | "windowMs" | "blockMs">,
  key: string,
  now: number,
): Promise<void> {
  const { rateLimits } = tx.tables;
  const running = sql`(${rateLimits.count} > 0 AND ${rateLimits.windowStart} > ${now - limit.windowMs})`;
  const next = sql`(CASE WHEN ${running} THEN ${rateLimits.count} + 1 ELSE 1 END)`;
  const blocks = sql`(${next} >= ${limit.threshold})`;
  await tx
    .insert(rateLimits)
    .values({ key, count: limit.threshold <= 1 ? 0 : 1, windowStart: now, blockedUntil: limit.threshold <= 1 ? now + limit.blockMs : null })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${blocks} THEN 0 ELSE ${next} END`,
        windowStart: sql`CASE WHEN ${running} THEN ${rateLimits.windowStart} ELSE ${now} END`,
        blockedUntil: sql`CASE WHEN ${blocks} THEN ${now + limit.blockMs} ELSE ${rateLimits.blockedUntil} END`,
      },
    });
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
export async function spendFailureBudget(tx: Tx, budget: FailureBudget, now: number): Promise<boolean> {
  const { rateLimits } = tx.tables;
  if (budget.perMinute <= 0) return false;
  const expired = sql`${rateLimits.windowStart} <= ${now - MINUTE_MS}`;
  const row = (
    await tx
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
  )[0]!;
  if (row.count < budget.perMinute) return false;
  await tx
    .update(rateLimits)
    .set({ count: 0, windowStart: now, blockedUntil: now + budget.blockMs })
    .where(eq(rateLimits.key, budget.key));
  return true;
}
