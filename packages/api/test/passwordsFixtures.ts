// Helpers for the password tests: an organization with people of every shape, the outbox,
// table row counts, and reading the 8-digit code out of a queued message.
import { desc, eq, sql } from "@latchkey/db";
import { createCaller } from "../src/root";
import { consoleOf, seedOrg, type Harness, type SeededOrg } from "./harness";
import { testTables } from "@latchkey/db/testing";

const { auditEvents, employees, outboxMessages } = testTables();

export interface PasswordWorld extends SeededOrg {
  api: ReturnType<typeof createCaller>;
  /** Phone and email, password set, with a self token. */
  alice: { guid: string; id: number; email: string; password: string; token: string };
  /** Email only, password set. */
  bob: { guid: string; id: number; email: string; password: string };
  /** Username only: nowhere to send a code. */
  carol: { guid: string; id: number; username: string };
  /** An admin employee with an admin token. */
  dana: { guid: string; id: number; email: string; password: string; token: string };
}

let n = 0;
/** Passwords that pass the default policy and are unique per call. */
export const strongPassword = (tag = "pw") => `Velvet-${tag}-Quasar-${++n}-${Math.random().toString(36).slice(2, 8)}`;

export async function seedPasswordWorld(h: Harness, name: string): Promise<PasswordWorld> {
  const org = await seedOrg(h, name);
  const api = h.asToken(org.adminToken);
  const slug = org.org.alias;
  n += 1;
  const phone = `+7916${String(1000000 + n * 7).slice(-7)}`;
  const a = await api.employees.create({ displayName: "Alice Liddell", email: `alice@${slug}.test`, phone });
  const b = await api.employees.create({ displayName: "Bob Builder", email: `bob@${slug}.test` });
  const c = await api.employees.create({ displayName: "Carol Danvers", username: `carol-${n}` });
  const d = await api.employees.create({ displayName: "Dana Scully", email: `dana@${slug}.test`, role: "admin" });
  const alicePw = strongPassword("a");
  const bobPw = strongPassword("b");
  const danaPw = strongPassword("d");
  await api.employees.setPassword({ guid: a.guid, password: alicePw, changeRequired: false });
  await api.employees.setPassword({ guid: b.guid, password: bobPw, changeRequired: false });
  await api.employees.setPassword({ guid: d.guid, password: danaPw, changeRequired: false });
  // Made at the console: a service token cannot hand on the 'self' scope it does not have.
  const operator = consoleOf(h, org.org.guid);
  const aliceToken = await operator.tokens.create({ name: "alice", employeeGuid: a.guid, scopes: ["self"] });
  const danaToken = await operator.tokens.create({ name: "dana", employeeGuid: d.guid, scopes: ["admin", "self"] });
  return {
    ...org,
    api,
    alice: { guid: a.guid, id: a.id, email: a.email!, password: alicePw, token: aliceToken.token },
    bob: { guid: b.guid, id: b.id, email: b.email!, password: bobPw },
    carol: { guid: c.guid, id: c.id, username: c.username! },
    dana: { guid: d.guid, id: d.id, email: d.email!, password: danaPw, token: danaToken.token },
  };
}

export async function employeeRow(h: Harness, guid: string) {
  return (await h.db.select().from(employees).where(eq(employees.guid, guid)))[0]!;
}

export async function outboxFor(h: Harness, employeeId: number) {
  return await h.db.select().from(outboxMessages).where(eq(outboxMessages.employeeId, employeeId)).orderBy(desc(outboxMessages.id));
}

/** The code in the newest message to the employee. */
export async function lastCode(h: Harness, employeeId: number): Promise<string> {
  const m = (await outboxFor(h, employeeId))[0];
  const code = m ? /\b(\d{8})\b/.exec(m.body)?.[1] : undefined;
  if (!code) throw new Error("no code queued for this employee");
  return code;
}

/** Lets the next code be sent at once (the 60 s cooldown is tested on its own). */
export function passCooldown(h: Harness): void {
  h.clock.advance(61_000);
}

const TABLES = [
  "organizations",
  "employees",
  "password_history",
  "sessions",
  "api_tokens",
  "reset_codes",
  "activation_codes",
  "outbox_messages",
  "idempotency_records",
  "audit_events",
];

/** Every table's row count plus a digest of the mutable employee and code columns. */
export async function snapshot(h: Harness): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) out[t] = String((await h.rows<{ c: number }>(sql`SELECT count(*) AS c FROM ${sql.identifier(t)}`))[0]!.c);
  out.employeesState = JSON.stringify(
    await h.db
      .select({
        h: employees.passwordHash,
        s: employees.sequence,
        r: employees.passwordChangeRequired,
        l: employees.lastCodeSentAt,
      })
      .from(employees)
      .orderBy(employees.id),
  );
  out.revoked = JSON.stringify(
    (
      await h.rows(
        sql.raw(
          "SELECT (SELECT count(*) FROM sessions WHERE revoked_at IS NOT NULL) s, (SELECT count(*) FROM api_tokens WHERE revoked_at IS NOT NULL) t, (SELECT count(*) FROM reset_codes WHERE revoked_at IS NOT NULL OR consumed_at IS NOT NULL) c",
        ),
      )
    )[0],
  );
  return out;
}

/** What changed between two snapshots. */
export function changedBetween(before: Record<string, string>, after: Record<string, string>): Record<string, string> {
  const diff: Record<string, string> = {};
  for (const k of Object.keys(before)) if (before[k] !== after[k]) diff[k] = `${before[k]} -> ${after[k]}`;
  return diff;
}

export async function auditDump(h: Harness): Promise<string> {
  return JSON.stringify(await h.db.select().from(auditEvents));
}

export async function lastAudit(h: Harness, action: string) {
  return (await h.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(desc(auditEvents.id)).limit(1))[0];
}
