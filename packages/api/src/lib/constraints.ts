import { violatedUniqueIndex } from "@latchkey/db";
import { DomainError } from "../errors";

const FIELD_OF_INDEX: Record<string, string> = {
  employees_org_email_uq: "email",
  employees_org_phone_uq: "phone",
  employees_org_username_uq: "username",
  organizations_alias_uq: "alias",
};

/** Turns a UNIQUE violation into `Duplicate` naming the field (never its value); rethrows the rest. */
export function rethrowUnique(err: unknown): never {
  const index = violatedUniqueIndex(err);
  if (index === null) throw err;
  const field = FIELD_OF_INDEX[index];
  throw new DomainError("Duplicate", field ? `Another record already uses this ${field}.` : "A record with these values already exists.", {
    ...(field ? { field } : {}),
  });
}
