// Who may touch whose password, and the sign-in lockout that wrong current passwords feed.
import { eq, type Employee, type Organization, type Tx } from "@latchkey/db";
import type { Principal } from "../../../context";
import { DomainError } from "../../../errors";
import { assertNotArchived } from "../../../lib/lookups";
import { employeeOf } from "../../../lib/principal";

/**
 * docs/SPEC.md §2: an admin (an instance admin, a service token or the console included) may not
 * reset or set the owner's password; the owner may act on themselves. Archived employees are refused.
 */
export function assertMayManagePassword(principal: Principal, target: Employee): void {
  assertNotArchived(target);
  if (target.role === "owner" && employeeOf(principal)?.id !== target.id)
    throw new DomainError("NotAllowedForOwner", "The owner's password can only be changed by the owner.");
}

/** The lockout of sign-in also guards every check of a current password. */
export function assertNotLocked(e: Employee, now: number): void {
  if (e.lockedUntil !== null && e.lockedUntil > now)
    throw new DomainError("TryLater", "Too many wrong passwords: the account is locked for a while.", {
      retryAfterSeconds: (e.lockedUntil - now) / 1000,
    });
}

/** Counts a wrong current password exactly like a wrong sign-in (same window, threshold, lock). */
export async function countWrongPassword(tx: Tx, employeeId: number, org: Organization, now: number): Promise<void> {
  const { employees } = tx.tables;
  const fresh = (await tx.select().from(employees).where(eq(employees.id, employeeId)))[0];
  if (!fresh) return;
  const windowStart = fresh.failedSignInWindowStart;
  const inWindow = windowStart !== null && now - windowStart < org.lockoutWindowSeconds * 1000;
  const failures = inWindow ? fresh.failedSignIns + 1 : 1;
  await tx
    .update(employees)
    .set({
      failedSignIns: failures,
      failedSignInWindowStart: inWindow ? windowStart : now,
      lockedUntil: failures >= org.lockoutThreshold ? now + org.lockoutDurationSeconds * 1000 : fresh.lockedUntil,
    })
    .where(eq(employees.id, employeeId));
}

export const wrongCurrentPassword = (field: string) => new DomainError("RequestIsNotValid", "The current password is wrong.", { field });
