// What must hold after a kill -9: every acknowledged change is there with its audit event (and
// outbox row), and nothing is half applied. Read through the same SQL on SQLite and PostgreSQL
// (counts come back as numbers from one and strings from the other: Number() everywhere).
import { createHmac } from "node:crypto";
import { openDatabase, sql, type Database, type SQL } from "@latchkey/db";
import { SECRET, type Ack, type World } from "./crashLoad";

/** Actions that bump an employee's sequence exactly once when they succeed. */
const BUMPS = [
  "employee.set_password",
  "employee.reset_password",
  "employee.request_password_reset",
  "employee.admin_reset_by_email",
  "employee.update",
  "employee.change_password",
  "employee.change_password_with_current",
  "employee.complete_password_reset",
  "auth.complete_password_reset",
  "me.change_password",
  "employee.archive",
];

/** Opens the database as a restarted server would find it (without migrating), runs `read`, closes it. */
async function reading<T>(
  url: string,
  read: (q: <R = Record<string, unknown>>(query: SQL) => Promise<R[]>, db: Database) => Promise<T>,
): Promise<T> {
  const db = await openDatabase(url, { migrate: false });
  try {
    return await read((query) => db.rows(db.db, query), db);
  } finally {
    await db.close();
  }
}

const count = async (q: <R>(query: SQL) => Promise<R[]>, query: SQL) => Number((await q<{ n: number | string }>(query))[0]?.n ?? 0);

/** Every employee's sequence, by guid: the baseline the sequence invariant counts from. */
export function readSequences(url: string): Promise<Map<string, number>> {
  return reading(url, async (q) => {
    const rows = await q<{ guid: string; sequence: number | string }>(sql`SELECT guid, sequence FROM employees`);
    return new Map(rows.map((r) => [r.guid, Number(r.sequence)]));
  });
}

export function countCodes(url: string): Promise<number> {
  return reading(url, (q) => count(q, sql`SELECT count(*) AS n FROM activation_codes`));
}

/** Every invariant, checked while no server runs; returns what was violated. */
export function checkInvariants(url: string, w: World, acks: Ack[], initialSeq: Map<string, number>): Promise<string[]> {
  return reading(url, async (q, db) => {
    const bad: string[] = [];
    if (db.dialect === "sqlite") {
      // The file itself: PostgreSQL keeps its own pages and foreign keys whatever a client does.
      const integrity = await q<{ integrity_check: string }>(sql`PRAGMA integrity_check`);
      if (integrity[0]?.integrity_check !== "ok") bad.push(`integrity_check: ${JSON.stringify(integrity)}`);
      const fk = await q(sql`PRAGMA foreign_key_check`);
      if (fk.length) bad.push(`foreign_key_check: ${fk.length} rows`);
    }
    const hash = (code: string) => createHmac("sha256", Buffer.from(SECRET, "utf8")).update(code, "utf8").digest("base64url");
    // Read once, checked against every acknowledgement.
    const column = async <R, K extends keyof R>(query: SQL, key: K) => (await q<R>(query)).map((r) => r[key]);
    const succeeded = new Set(
      await column<{ request_id: string }, "request_id">(
        sql`SELECT request_id FROM audit_events WHERE outcome = 'success' AND request_id IS NOT NULL`,
        "request_id",
      ),
    );
    const codes = await q<{ code_hash: string; consumed_at: unknown }>(sql`SELECT code_hash, consumed_at FROM activation_codes`);
    const stored = new Set(codes.map((c) => c.code_hash));
    const consumedCodes = new Set(codes.filter((c) => c.consumed_at !== null).map((c) => c.code_hash));
    const resetCodeHashes = new Set(await column<{ code_hash: string }, "code_hash">(sql`SELECT code_hash FROM reset_codes`, "code_hash"));
    const mailed = new Set(
      await column<{ guid: string }, "guid">(
        sql`SELECT DISTINCT e.guid FROM outbox_messages o JOIN employees e ON e.id = o.employee_id WHERE o.kind = 'reset_code'`,
        "guid",
      ),
    );
    const names = new Map(
      (await q<{ guid: string; display_name: string }>(sql`SELECT guid, display_name FROM employees`)).map((r) => [r.guid, r.display_name]),
    );
    const statuses = new Map(
      (await q<{ guid: string; status: string }>(sql`SELECT guid, status FROM workplaces`)).map((r) => [r.guid, r.status]),
    );
    for (const a of acks) {
      if (!succeeded.has(a.rid)) bad.push(`${a.kind} ${a.rid}: acknowledged but no success audit event`);
      // A later acknowledged update may have renamed it again; the name must be one that was acknowledged.
      if (a.kind === "update" && !names.get(a.employee)?.startsWith("Name ")) bad.push(`update ${a.rid}: display name lost`);
      if (a.kind === "reset" && !mailed.has(a.employee)) bad.push(`reset ${a.rid}: acknowledged but no outbox row`);
      if ((a.kind === "generate" || a.kind === "activate") && !stored.has(hash(a.code))) bad.push(`${a.kind} ${a.rid}: code missing`);
      if (a.kind === "activate" && (!consumedCodes.has(hash(a.code)) || statuses.get(a.workplace) !== "active"))
        bad.push(`activate ${a.rid}: code not consumed or workplace not active`);
      if (a.kind === "returnCode" && !resetCodeHashes.has(hash(a.code))) bad.push(`returnCode ${a.rid}: code missing`);
    }
    // No code both consumed and live, at most one live code per workplace, every consumption activated its workplace.
    const both = await count(q, sql`SELECT count(*) AS n FROM activation_codes WHERE consumed_at IS NOT NULL AND revoked_at IS NOT NULL`);
    if (both) bad.push(`${both} activation codes both consumed and revoked`);
    const multi = await q(
      sql`SELECT workplace_guid FROM activation_codes WHERE consumed_at IS NULL AND revoked_at IS NULL GROUP BY workplace_guid HAVING count(*) > 1`,
    );
    if (multi.length) bad.push(`${multi.length} workplaces with more than one live code`);
    const orphan = await count(
      q,
      sql`SELECT count(*) AS n FROM activation_codes c JOIN workplaces w ON w.guid = c.workplace_guid WHERE c.consumed_at IS NOT NULL AND w.status <> 'active'`,
    );
    if (orphan) bad.push(`${orphan} consumed codes whose workplace is not active`);
    const consumed = await count(q, sql`SELECT count(*) AS n FROM activation_codes WHERE consumed_at IS NOT NULL`);
    const activations = await count(
      q,
      sql`SELECT count(*) AS n FROM audit_events WHERE action = 'workplace.activate' AND outcome = 'success'`,
    );
    if (consumed !== activations) bad.push(`${consumed} consumed codes but ${activations} successful activation events`);
    const resetCodes = await q(
      sql`SELECT r.employee_id FROM reset_codes r WHERE r.consumed_at IS NULL AND r.revoked_at IS NULL GROUP BY r.employee_id HAVING count(*) > 1`,
    );
    if (resetCodes.length) bad.push(`${resetCodes.length} employees with more than one live reset code`);
    // Every sequence bump has exactly one success event, and the other way round: nothing half applied.
    const bumps = sql.join(
      BUMPS.map((b) => sql`${b}`),
      sql`, `,
    );
    for (const e of w.employees) {
      const [row] = await q<{ sequence: number | string }>(sql`SELECT sequence FROM employees WHERE guid = ${e.guid}`);
      const moved = Number(row?.sequence) - initialSeq.get(e.guid)!;
      const n = await count(
        q,
        sql`SELECT count(*) AS n FROM audit_events WHERE target_id = ${e.guid} AND outcome = 'success' AND action IN (${bumps})`,
      );
      if (moved !== n) bad.push(`employee ${e.guid}: sequence moved ${moved} but ${n} success events`);
      const resets = await count(
        q,
        sql`SELECT count(*) AS n FROM audit_events WHERE target_id = ${e.guid} AND outcome = 'success' AND action = 'employee.reset_password'`,
      );
      const sent = await count(q, sql`SELECT count(*) AS n FROM outbox_messages WHERE employee_id = ${e.id} AND kind = 'reset_code'`);
      if (resets !== sent) bad.push(`employee ${e.guid}: ${resets} successful resets but ${sent} reset messages`);
      const acked = acks.filter((a) => a.kind === "reset" && a.employee === e.guid).length;
      if (sent < acked) bad.push(`employee ${e.guid}: ${acked} acknowledged resets but ${sent} reset messages`);
    }
    return bad;
  });
}
