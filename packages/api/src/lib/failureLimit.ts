// Counters of wrong guesses per client, kept in `rate_limits` (the database, not process
// memory) so a restart or a second instance does not hand out fresh guesses. Reads happen
// before an operation; writes happen in `op.onFailure` (so they persist although the operation
// fails) or in `op.commit` (a success resets the count).
import { eq, rateLimits, type DbOrTx, type Tx } from "@latchkey/db";
import { DomainError } from "../errors";
import { limitSubject } from "./clientAddress";

export interface FailureLimit {
  /** Prefix of the row key, e.g. "activate:ip". */
  scope: string;
  /** Wrong attempts in a row that trigger the block. */
  threshold: number;
  blockMs: number;
}

/** CONTRACT §3: an IP with 5 wrong activation codes in a row is refused for 24 h. */
export const ACTIVATION_FAILURE_LIMIT: FailureLimit = { scope: "activate:ip", threshold: 5, blockMs: 24 * 3600_000 };

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
 * so after the block the client again gets `threshold` tries.
 */
export function recordFailure(tx: Tx, limit: FailureLimit, key: string, now: number): void {
  const row = tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
  const count = (row?.count ?? 0) + 1;
  const block = count >= limit.threshold;
  const values = {
    count: block ? 0 : count,
    windowStart: row && row.count > 0 ? row.windowStart : now,
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
