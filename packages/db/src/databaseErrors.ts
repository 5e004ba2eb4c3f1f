// What a driver error means, whichever driver threw it. drizzle wraps driver errors ("Failed
// query: …") with the original as `cause`, so every check walks the cause chain.

function* chain(err: unknown): Generator<Record<string, unknown>> {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === "object"; i++) {
    yield e as Record<string, unknown>;
    e = (e as { cause?: unknown }).cause;
  }
}

const codeOf = (e: Record<string, unknown>) => (typeof e.code === "string" ? e.code : "");
const messageOf = (e: Record<string, unknown>) => (typeof e.message === "string" ? e.message : "");

/** PostgreSQL gave up on a transaction to keep it serializable, or broke a deadlock: run it again. */
export function isRetryableConflict(err: unknown): boolean {
  for (const e of chain(err)) if (codeOf(e) === "40001" || codeOf(e) === "40P01") return true;
  return false;
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
]);

/** The database server could not be reached or went away mid-query (not the query's fault). */
export function isConnectionFailure(err: unknown): boolean {
  for (const e of chain(err)) {
    const code = codeOf(e);
    if (CONNECTION_CODES.has(code) || code.startsWith("08")) return true;
    if (
      /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
        messageOf(e),
      )
    )
      return true;
  }
  return false;
}

/** SQLite could not take its lock within busy_timeout: another process holds the file. */
export function isBusy(err: unknown): boolean {
  for (const e of chain(err)) if (codeOf(e) === "SQLITE_BUSY" || codeOf(e) === "SQLITE_BUSY_SNAPSHOT") return true;
  return false;
}

/** PostgreSQL refused a string holding a NUL character (text cannot store one). */
export function isUnstorableText(err: unknown): boolean {
  for (const e of chain(err)) if (codeOf(e) === "22021") return true;
  return false;
}

// SQLite names a violated unique index by its columns ("employees.org_guid, employees.email") or,
// for an expression index, by name ("index 'organizations_alias_uq'"); PostgreSQL by name.
const SQLITE_COLUMNS_TO_INDEX: Record<string, string> = {
  "employees.org_guid, employees.email": "employees_org_email_uq",
  "employees.org_guid, employees.phone": "employees_org_phone_uq",
  "employees.org_guid, employees.username": "employees_org_username_uq",
  "employees.guid": "employees_guid_unique",
  "api_tokens.prefix": "api_tokens_prefix_unique",
  "activation_codes.code_hash": "activation_codes_open_hash_uq",
  "activation_codes.workplace_guid": "activation_codes_open_workplace_uq",
};

/**
 * The unique index (by its schema name) a failed insert or update violated, or null when the
 * error is not a unique violation. Names the index, never the value.
 */
export function violatedUniqueIndex(err: unknown): string | null {
  for (const e of chain(err)) {
    const code = codeOf(e);
    if (code === "23505") return typeof e.constraint === "string" ? e.constraint : "unknown";
    const message = messageOf(e);
    if (
      code.startsWith("SQLITE_CONSTRAINT_UNIQUE") ||
      code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
      /UNIQUE constraint failed/.test(message)
    ) {
      const detail = message.replace(/^.*UNIQUE constraint failed: /, "");
      const named = /^index '(.+)'$/.exec(detail);
      return named ? named[1]! : (SQLITE_COLUMNS_TO_INDEX[detail] ?? detail);
    }
  }
  return null;
}
