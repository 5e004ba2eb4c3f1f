// One-time password reset codes: 8 digits, stored only as an HMAC with the server secret,
// dead after one use, after its TTL, after a newer code, or after 5 wrong tries.
import { and, desc, eq, gt, isNull, sql, type Db, type ResetCode, type Tx } from "@latchkey/db";
import type { Services } from "../../../services";
import { DomainError } from "../../../errors";
import type { CodeMessage } from "../../../lib/outbox";
import { limitSubject } from "../../../lib/clientAddress";
import { keyedHash, safeEqual } from "../../../lib/secrets";
import { revokeLiveResetCodes } from "./storeNewPassword";

/** docs/SPEC.md §3: a reset code dies after 5 wrong tries for its employee. */
const RESET_CODE_MAX_FAILURES = 5;

/**
 * Wrong tries one address (an IPv6 /64) may make against one code: one fewer than kill it, so
 * someone who only knows a login cannot end that employee's code from one address. After them
 * the code is as good as absent for that address (its right spelling too), and alive for others.
 */
const RESET_CODE_FAILURES_PER_ADDRESS = RESET_CODE_MAX_FAILURES - 1;

export const invalidResetCode = () =>
  new DomainError("InvalidConfirmationCode", "The code is wrong, expired or already used. Ask for a new one.", { field: "code" });

/** Revokes any earlier live code and stores a new one; returns the code in clear, once. */
export async function issueResetCode(tx: Tx, services: Services, employee: { id: number; orgGuid: string }, ttlSeconds: number) {
  const { resetCodes } = tx.tables;
  // An employee has at most one live code: concurrent resets of one employee (on any instance)
  // take turns here, or each would revoke the codes it can see and insert its own (PostgreSQL's
  // READ COMMITTED shows neither the other's new code).
  await services.database.lock(tx, `employee:${employee.id}:reset-code`);
  const now = services.clock.now();
  await revokeLiveResetCodes(tx, employee.id, now);
  const code = services.random.digits(8);
  const expiresAt = now + ttlSeconds * 1000;
  await tx
    .insert(resetCodes)
    .values({ orgGuid: employee.orgGuid, employeeId: employee.id, codeHash: keyedHash(services.secret, code), createdAt: now, expiresAt });
  return { code, expiresAt };
}

function lifetime(ttlSeconds: number): string {
  const minutes = Math.round(ttlSeconds / 60);
  if (minutes % 60 !== 0 || minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `${minutes / 60} hours`;
}

/** Short and plain: the code, and the link (lib/delivery/templates resetLink) to the page that takes it. */
export function resetCodeMessage(channel: "sms" | "email", code: string, ttlSeconds: number, link: string): CodeMessage {
  const body =
    channel === "sms"
      ? `Latchkey: your password reset code is ${code}. It expires in ${lifetime(ttlSeconds)}. ${link}`
      : `Your password reset code is ${code}.\n\nChoose a new password at ${link} within ${lifetime(ttlSeconds)}. ` +
        `The code works once. If you did not expect this message, tell your administrator.`;
  return { channel, kind: "reset_code", subject: "Your password reset code", body };
}

/** The employee's live code (there is at most one: issuing revokes the earlier ones). */
export async function findLiveResetCode(db: Db, employeeId: number, now: number): Promise<ResetCode | undefined> {
  const { resetCodes } = db.tables;
  return (
    await db
      .select()
      .from(resetCodes)
      .where(
        and(
          eq(resetCodes.employeeId, employeeId),
          isNull(resetCodes.consumedAt),
          isNull(resetCodes.revokedAt),
          gt(resetCodes.expiresAt, now),
        ),
      )
      .orderBy(desc(resetCodes.id))
  )[0];
}

export function resetCodeMatches(services: Services, row: ResetCode, code: string): boolean {
  return safeEqual(row.codeHash, keyedHash(services.secret, code));
}

/** One wrong try against a live code; the fifth revokes it. Registered with op.onFailure. */
export async function countWrongResetCode(tx: Tx, codeId: number, now: number): Promise<void> {
  const { resetCodes } = tx.tables;
  await tx
    .update(resetCodes)
    .set({
      failedAttempts: sql`${resetCodes.failedAttempts} + 1`,
      revokedAt: sql`CASE WHEN ${resetCodes.failedAttempts} + 1 >= ${RESET_CODE_MAX_FAILURES} THEN ${now} ELSE ${resetCodes.revokedAt} END`,
    })
    .where(and(eq(resetCodes.id, codeId), isNull(resetCodes.consumedAt), isNull(resetCodes.revokedAt)));
}

/** The `rate_limits` row that counts one address's wrong tries against one code. */
const addressKey = (codeId: number, ip: string | null) => `reset:code:${codeId}:${limitSubject(ip) ?? "unknown"}`;

/** Whether this address has used up its wrong tries on this code. */
export async function addressSpentCode(db: Db, codeId: number, ip: string | null): Promise<boolean> {
  const { rateLimits } = db.tables;
  const [row] = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(eq(rateLimits.key, addressKey(codeId, ip)));
  return (row?.count ?? 0) >= RESET_CODE_FAILURES_PER_ADDRESS;
}

/** One wrong try from this address against a live code; the row lives as long as the code can. */
export async function countWrongResetCodeFrom(tx: Tx, row: ResetCode, ip: string | null, now: number): Promise<void> {
  const { rateLimits } = tx.tables;
  await tx
    .insert(rateLimits)
    .values({ key: addressKey(row.id, ip), count: 1, windowStart: now, blockedUntil: row.expiresAt })
    .onConflictDoUpdate({ target: rateLimits.key, set: { count: sql`${rateLimits.count} + 1` } });
}

/** The one atomic use of a code: of two concurrent uses (on any instance) exactly one gets its row back. */
export async function consumeResetCode(tx: Tx, codeId: number, now: number): Promise<boolean> {
  const { resetCodes } = tx.tables;
  return (
    (
      await tx
        .update(resetCodes)
        .set({ consumedAt: now })
        .where(and(eq(resetCodes.id, codeId), isNull(resetCodes.consumedAt), isNull(resetCodes.revokedAt), gt(resetCodes.expiresAt, now)))
        .returning({ id: resetCodes.id })
    ).length === 1
  );
}
