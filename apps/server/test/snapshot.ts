// Everything a credential operation can change, read straight from the database, so a refused
// request can be shown to have changed nothing.
import type { Services } from "@latchkey/api";
import { sql } from "@latchkey/db";

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

export async function snapshot(services: Services): Promise<Snapshot> {
  const { database } = services;
  const rows = (q: string) => database.rows(database.db, sql.raw(q));
  const counts: Record<string, number> = {};
  for (const name of WATCHED) counts[name] = Number(((await rows(`SELECT count(*) AS n FROM ${name}`))[0] as { n: number }).n);
  return {
    counts,
    employees: await rows(
      "SELECT id, guid, org_guid, role, status, email, phone, display_name, sequence, password_hash, password_change_required FROM employees ORDER BY id",
    ),
    codes: await rows(
      "SELECT id, consumed_at, revoked_at FROM activation_codes UNION ALL SELECT -id, consumed_at, revoked_at FROM reset_codes ORDER BY 1",
    ),
    workplaces: await rows("SELECT guid, org_guid, status, name, archived FROM workplaces ORDER BY guid"),
    tokens: await rows("SELECT id, revoked_at, scopes FROM api_tokens ORDER BY id"),
    sessions: await rows("SELECT id, revoked_at FROM sessions ORDER BY id"),
  };
}
