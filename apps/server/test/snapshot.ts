// Everything a credential operation can change, read straight from the SQLite file, so a
// refused request can be shown to have changed nothing.
import type { Services } from "@latchkey/api";

export interface Snapshot {
  counts: Record<string, number>;
  employees: unknown[];
  codes: unknown[];
  workplaces: unknown[];
  tokens: unknown[];
  sessions: unknown[];
}

// audit_events (failures are audited) and rate_limits (requests are counted) legitimately grow.
const WATCHED = [
  "organizations",
  "employees",
  "sessions",
  "api_tokens",
  "outlets",
  "workplaces",
  "activation_codes",
  "reset_codes",
  "outbox_messages",
  "password_history",
  "idempotency_records",
];

export function snapshot(services: Services): Snapshot {
  const sqlite = services.database.sqlite;
  const rows = (q: string) => sqlite.prepare(q).all();
  return {
    counts: Object.fromEntries(
      WATCHED.map((name) => [name, (sqlite.prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }).n]),
    ),
    employees: rows(
      "SELECT id, guid, org_guid, role, status, email, phone, display_name, sequence, password_hash, password_change_required FROM employees ORDER BY id",
    ),
    codes: rows(
      "SELECT id, consumed_at, revoked_at FROM activation_codes UNION ALL SELECT -id, consumed_at, revoked_at FROM reset_codes ORDER BY 1",
    ),
    workplaces: rows("SELECT guid, org_guid, status, name, archived FROM workplaces ORDER BY guid"),
    tokens: rows("SELECT id, revoked_at, scopes FROM api_tokens ORDER BY id"),
    sessions: rows("SELECT id, revoked_at FROM sessions ORDER BY id"),
  };
}
