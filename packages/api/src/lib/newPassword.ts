// The one way a new password becomes a stored hash: the policy (lib/passwordPolicy.ts) judges
// it, then argon2id hashes its NFKC form. Async, so callers run it before op.commit.
import type { Services } from "../services";
import { checkPasswordHistory, checkPasswordRules, type PasswordSubject, type PolicyOrg } from "./passwordPolicy";
import { employeeSalt, hashPassword } from "./passwords";

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
  await checkPasswordHistory(services.database.db, org, subject.id, normalized, hashing, field);
  return hashing;
}
