// The one way a new password becomes a stored hash: the policy (lib/passwordPolicy.ts) judges
// it, then argon2id hashes its NFKC form. Async, so callers run it before op.commit.
import { and, desc, eq, lt, passwordHistory, type Tx } from "@latchkey/db";
import type { Services } from "../services";
import { checkPasswordHistory, checkPasswordRules, type PasswordSubject, type PolicyOrg } from "./passwordPolicy";
import { employeeSalt, hashPassword } from "./passwords";

export { codePointLength } from "./passwordPolicy";

export async function hashNewPassword(
  services: Services,
  org: PolicyOrg,
  password: string,
  field = "password",
  subject: PasswordSubject = {},
): Promise<string> {
  const normalized = checkPasswordRules(org, password, subject, field);
  if (subject.id === undefined) return hashPassword(normalized, services.hashParams);
  // Hashed with the employee's salt, so the history check mostly compares strings.
  const hashing = hashPassword(normalized, services.hashParams, employeeSalt(services.secret, subject.id));
  await checkPasswordHistory(services.db, org, subject.id, normalized, hashing, field);
  return hashing;
}

/** The most history any policy can ask for (CONTRACT §3: 0..24); older rows are pruned. */
const HISTORY_KEEP = 24;

/** Records a new password hash in the history, in the transaction that stores it. */
export function recordPasswordHistory(tx: Tx, employeeId: number, hash: string, now: number): void {
  tx.insert(passwordHistory).values({ employeeId, passwordHash: hash, createdAt: now }).run();
  const cutoff = tx
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.employeeId, employeeId))
    .orderBy(desc(passwordHistory.id))
    .limit(1)
    .offset(HISTORY_KEEP - 1)
    .get();
  if (cutoff)
    tx.delete(passwordHistory)
      .where(and(eq(passwordHistory.employeeId, employeeId), lt(passwordHistory.id, cutoff.id)))
      .run();
}
