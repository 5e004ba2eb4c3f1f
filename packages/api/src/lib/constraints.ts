import { DomainError } from "../errors";

const FIELD_OF_INDEX: Record<string, string> = {
  "employees.org_guid, employees.email": "email",
  "employees.org_guid, employees.phone": "phone",
  "employees.org_guid, employees.username": "username",
  organizations_alias_uq: "alias",
  "index 'organizations_alias_uq'": "alias",
};

/** Turns a UNIQUE violation into `Duplicate` naming the field (never its value); rethrows the rest. */
export function rethrowUnique(err: unknown): never {
  let e: unknown = err;
  for (let i = 0; i < 3 && e; i++) {
    const msg = e instanceof Error ? e.message : "";
    const code = (e as { code?: string }).code;
    if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || /UNIQUE constraint failed/.test(msg)) {
      const detail = msg.replace(/^.*UNIQUE constraint failed: /, "");
      const field = FIELD_OF_INDEX[detail] ?? (detail.includes("alias") ? "alias" : undefined);
      throw new DomainError(
        "Duplicate",
        field ? `Another record already uses this ${field}.` : "A record with these values already exists.",
        {
          ...(field ? { field } : {}),
        },
      );
    }
    e = (e as { cause?: unknown }).cause;
  }
  throw err;
}
