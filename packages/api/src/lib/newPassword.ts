// The one way a new password becomes a stored hash. The full policy (history, blocklist,
// composition) lives in lib/passwordPolicy.ts once it exists; this keeps the length rule.
import type { Organization } from "@latchkey/db";
import type { Services } from "../services";
import { DomainError } from "../errors";
import { hashPassword } from "./passwords";

export function codePointLength(s: string): number {
  return [...s].length;
}

export async function hashNewPassword(services: Services, org: Organization, password: string, field = "password"): Promise<string> {
  const normalized = password.normalize("NFKC");
  const len = codePointLength(normalized);
  if (len < org.passwordMinLength)
    throw new DomainError("RequestIsNotValid", `The password must be at least ${org.passwordMinLength} characters long.`, { field });
  if (len > org.passwordMaxLength)
    throw new DomainError("RequestIsNotValid", `The password must be at most ${org.passwordMaxLength} characters long.`, { field });
  return hashPassword(normalized, services.hashParams);
}
