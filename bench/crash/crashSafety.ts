// Crash safety: runs mixed write load against the real server process, kill -9s it at random
// moments, restarts it, and checks that every acknowledged change survived with its audit event
// (and outbox row), that the database is intact, and that nothing was half applied.
// `pnpm crash-safety [--rounds 20] [--seed 1]`; a short run is a vitest test (apps/server/test/crash.test.ts).
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { createCaller, createLogger, createServices, createSystemContext, loadConfig } from "@latchkey/api";
import { freePort, sleep, spawnTs, waitReady, type Spawned } from "../lib/proc";

export interface CrashOptions {
  rounds: number;
  /** Concurrent request loops during each round. */
  workers?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface CrashReport {
  rounds: number;
  acknowledged: number;
  unknown: number;
  refused: number;
  violations: string[];
  summary: string;
}

type Ack =
  | { kind: "set"; rid: string; employee: string }
  | { kind: "update"; rid: string; employee: string; name: string }
  | { kind: "reset"; rid: string; employee: string }
  | { kind: "returnCode"; rid: string; employee: string; code: string }
  | { kind: "generate"; rid: string; workplace: string; code: string; employee: string; key?: string }
  | { kind: "activate"; rid: string; workplace: string; code: string };

const SECRET = "crash-safety-secret-not-for-production-0001";
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

/** A small seeded PRNG, so a failing run can be repeated with --seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

export interface World {
  org: string;
  token: string;
  employees: { guid: string; id: number }[];
  workplaces: string[];
}

/** Seeds one organization (8 employees with phones, 6 workplaces, an admin token) straight into the database file. */
export async function seed(env: Record<string, string>): Promise<World> {
  const services = await createServices(loadConfig(env as NodeJS.ProcessEnv), { log: createLogger("silent") });
  try {
    const system = createCaller(createSystemContext(services));
    const created = await system.organizations.create({
      name: "Crash Co",
      alias: "crash-co",
      owner: { displayName: "Crash Owner", email: "owner@crash.test", password: "Violet-Harbor-Lantern-93" },
    });
    const api = createCaller(createSystemContext(services, { org: { guid: created.organization.guid } }));
    const employees = [];
    for (let i = 0; i < 8; i++) {
      const e = await api.employees.create({ displayName: `Worker ${i}`, email: `w${i}@crash.test`, phone: `+7916555000${i}` });
      employees.push({ guid: e.guid, id: e.id });
    }
    const outlet = await api.outlets.create({ name: "Depot" });
    const workplaces = [];
    for (let i = 0; i < 6; i++) workplaces.push((await api.workplaces.create({ outletGuid: outlet.guid, name: `Till ${i}` })).guid);
    const token = (await api.tokens.create({ name: "crash", scopes: ["admin"] })).token;
    return { org: created.organization.guid, token, employees, workplaces };
  } finally {
    await services.database.close();
  }
}

function generate(url: string, w: World, workplace: string, employee: string, rid: string, key?: string): Promise<Response> {
  return fetch(`${url}/orgs/${w.org}/workplaces/${workplace}:generate-activation-code`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${w.token}`,
      "content-type": "application/json",
      "x-request-id": rid,
      ...(key ? { "idempotency-key": key } : {}),
    },
    body: JSON.stringify({ employee: { guid: employee, type_of: "Employee" } }),
  });
}

/** After a restart: acknowledged keyed requests, retried, replay their answer and create nothing. */
async function replayKeyed(url: string, w: World, acks: Ack[]): Promise<string[]> {
  const bad: string[] = [];
  const keyed = acks.filter((a): a is Extract<Ack, { kind: "generate" }> => a.kind === "generate" && a.key !== undefined).slice(-5);
  for (const a of keyed) {
    const res = await generate(url, w, a.workplace, a.employee, `${a.rid}-retry`, a.key);
    const body = (await res.json()) as { activation_code?: string };
    if (res.status !== 200 || body.activation_code !== a.code)
      bad.push(`idempotent retry of ${a.rid}: ${res.status} ${body.activation_code === a.code ? "same code" : "another code"}`);
  }
  return bad;
}

/** One request of the mixed load; returns what it acknowledged, "refused" (a 4xx), or "unknown" (no answer). */
async function oneRequest(url: string, w: World, rnd: () => number, rid: string, codes: Ack[]): Promise<Ack | "refused" | "unknown"> {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const e = pick(w.employees);
  const wp = pick(w.workplaces);
  const headers = { authorization: `Bearer ${w.token}`, "content-type": "application/json", "x-request-id": rid };
  const r = rnd();
  try {
    if (r < 0.25) {
      const res = await fetch(`${url}/management/v1/users/${e.guid}/password`, {
        method: "POST",
        headers,
        body: JSON.stringify({ password: `Lantern-${rid}-Harbor`, noChangeRequired: true }),
      });
      await res.arrayBuffer();
      return res.status === 200 ? { kind: "set", rid, employee: e.guid } : "refused";
    }
    if (r < 0.4) {
      const name = `Name ${rid}`;
      const res = await fetch(`${url}/api/trpc/employees.update`, {
        method: "POST",
        headers,
        body: JSON.stringify({ guid: e.guid, displayName: name }),
      });
      await res.arrayBuffer();
      return res.status === 200 ? { kind: "update", rid, employee: e.guid, name } : "refused";
    }
    if (r < 0.5) {
      const res = await fetch(`${url}/orgs/${w.org}/employees/${e.guid}:reset-password`, { method: "POST", headers });
      await res.arrayBuffer();
      return res.status === 204 ? { kind: "reset", rid, employee: e.guid } : "refused";
    }
    if (r < 0.6) {
      const res = await fetch(`${url}/v2/users/${e.guid}/password_reset`, {
        method: "POST",
        headers,
        body: JSON.stringify({ returnCode: {} }),
      });
      const body = (await res.json()) as { verificationCode?: string };
      return res.status === 200 ? { kind: "returnCode", rid, employee: e.guid, code: body.verificationCode! } : "refused";
    }
    if (r < 0.8 || codes.length === 0) {
      // Some carry an Idempotency-Key: after a crash, a retry must replay the answer, not act again.
      const key = rnd() < 0.3 ? `idem-${rid}` : undefined;
      const res = await generate(url, w, wp, e.guid, rid, key);
      const body = (await res.json()) as { activation_code?: string };
      return res.status === 200
        ? { kind: "generate", rid, workplace: wp, code: body.activation_code!, employee: e.guid, ...(key ? { key } : {}) }
        : "refused";
    }
    const g = pick(codes) as Extract<Ack, { kind: "generate" }>;
    const res = await fetch(`${url}/auth/activate-workplace`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-request-id": rid,
        "x-forwarded-for": `10.${Math.floor(rnd() * 250)}.${Math.floor(rnd() * 250)}.1`,
      },
      body: JSON.stringify({ activation_code: g.code }),
    });
    await res.arrayBuffer();
    return res.status === 200 ? { kind: "activate", rid, workplace: g.workplace, code: g.code } : "refused";
  } catch {
    // The connection died with the server: the change may or may not have happened.
    return "unknown";
  }
}

/** Every invariant, checked on the database file while no server runs. */
export function checkInvariants(dbPath: string, w: World, acks: Ack[], initialSeq: Map<string, number>): string[] {
  const db = new Database(dbPath);
  const bad: string[] = [];
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") bad.push(`integrity_check: ${String(integrity)}`);
    const fk = db.pragma("foreign_key_check") as unknown[];
    if (fk.length) bad.push(`foreign_key_check: ${fk.length} rows`);
    const hash = (code: string) => createHmac("sha256", Buffer.from(SECRET, "utf8")).update(code, "utf8").digest("base64url");
    const audit = db.prepare("SELECT action, outcome, target_id FROM audit_events WHERE request_id = ?");
    for (const a of acks) {
      const events = audit.all(a.rid) as { action: string; outcome: string; target_id: string }[];
      if (!events.some((ev) => ev.outcome === "success")) bad.push(`${a.kind} ${a.rid}: acknowledged but no success audit event`);
      if (a.kind === "update") {
        // A later acknowledged update may have renamed it again; the name must be one that was acknowledged.
        const row = db.prepare("SELECT display_name FROM employees WHERE guid = ?").get(a.employee) as { display_name: string };
        if (!row.display_name.startsWith("Name ")) bad.push(`update ${a.rid}: display name lost`);
      }
      if (
        a.kind === "reset" &&
        !db
          .prepare("SELECT 1 FROM outbox_messages o JOIN employees e ON e.id = o.employee_id WHERE e.guid = ? AND o.kind = 'reset_code'")
          .get(a.employee)
      )
        bad.push(`reset ${a.rid}: acknowledged but no outbox row`);
      if (
        (a.kind === "generate" || a.kind === "activate") &&
        !db.prepare("SELECT 1 FROM activation_codes WHERE code_hash = ?").get(hash(a.code))
      )
        bad.push(`${a.kind} ${a.rid}: code missing`);
      if (a.kind === "activate") {
        const c = db.prepare("SELECT consumed_at FROM activation_codes WHERE code_hash = ? AND consumed_at IS NOT NULL").get(hash(a.code));
        const wp = db.prepare("SELECT status FROM workplaces WHERE guid = ?").get(a.workplace) as { status: string };
        if (!c || wp.status !== "active") bad.push(`activate ${a.rid}: code not consumed or workplace not active`);
      }
      if (a.kind === "returnCode" && !db.prepare("SELECT 1 FROM reset_codes WHERE code_hash = ?").get(hash(a.code)))
        bad.push(`returnCode ${a.rid}: code missing`);
    }
    // No code both consumed and live, at most one live code per workplace, every consumption activated its workplace.
    const both = db
      .prepare("SELECT count(*) AS n FROM activation_codes WHERE consumed_at IS NOT NULL AND revoked_at IS NOT NULL")
      .get() as { n: number };
    if (both.n) bad.push(`${both.n} activation codes both consumed and revoked`);
    const multi = db
      .prepare(
        "SELECT workplace_guid, count(*) AS n FROM activation_codes WHERE consumed_at IS NULL AND revoked_at IS NULL GROUP BY workplace_guid HAVING n > 1",
      )
      .all() as unknown[];
    if (multi.length) bad.push(`${multi.length} workplaces with more than one live code`);
    const orphan = db
      .prepare(
        "SELECT count(*) AS n FROM activation_codes c JOIN workplaces w ON w.guid = c.workplace_guid WHERE c.consumed_at IS NOT NULL AND w.status <> 'active'",
      )
      .get() as { n: number };
    if (orphan.n) bad.push(`${orphan.n} consumed codes whose workplace is not active`);
    const consumed = (db.prepare("SELECT count(*) AS n FROM activation_codes WHERE consumed_at IS NOT NULL").get() as { n: number }).n;
    const activations = (
      db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'workplace.activate' AND outcome = 'success'").get() as {
        n: number;
      }
    ).n;
    if (consumed !== activations) bad.push(`${consumed} consumed codes but ${activations} successful activation events`);
    const resetCodes = db
      .prepare(
        "SELECT count(*) AS n FROM reset_codes r JOIN employees e ON e.id = r.employee_id WHERE r.consumed_at IS NULL AND r.revoked_at IS NULL GROUP BY e.id HAVING n > 1",
      )
      .all() as unknown[];
    if (resetCodes.length) bad.push(`${resetCodes.length} employees with more than one live reset code`);
    // Every sequence bump has exactly one success event, and the other way round: nothing half applied.
    const events = db.prepare(
      `SELECT count(*) AS n FROM audit_events WHERE target_id = ? AND outcome = 'success' AND action IN (${BUMPS.map(() => "?").join(",")})`,
    );
    for (const e of w.employees) {
      const seq = (db.prepare("SELECT sequence FROM employees WHERE guid = ?").get(e.guid) as { sequence: number }).sequence;
      const n = (events.get(e.guid, ...BUMPS) as { n: number }).n;
      if (seq - initialSeq.get(e.guid)! !== n)
        bad.push(`employee ${e.guid}: sequence moved ${seq - initialSeq.get(e.guid)!} but ${n} success events`);
      const resets = (
        db
          .prepare(
            "SELECT count(*) AS n FROM audit_events WHERE target_id = ? AND outcome = 'success' AND action = 'employee.reset_password'",
          )
          .get(e.guid) as { n: number }
      ).n;
      const sent = (
        db.prepare("SELECT count(*) AS n FROM outbox_messages WHERE employee_id = ? AND kind = 'reset_code'").get(e.id) as { n: number }
      ).n;
      if (resets !== sent) bad.push(`employee ${e.guid}: ${resets} successful resets but ${sent} reset messages`);
      const acked = acks.filter((a) => a.kind === "reset" && a.employee === e.guid).length;
      if (sent < acked) bad.push(`employee ${e.guid}: ${acked} acknowledged resets but ${sent} reset messages`);
    }
  } finally {
    db.close();
  }
  return bad;
}

function countCodes(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM activation_codes").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The server's environment for a database file and port: API only, request limits off, cheap hashes. */
export function serverEnv(dbPath: string, port: number): Record<string, string> {
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${dbPath}`,
    LATCHKEY_SECRET: SECRET,
    LATCHKEY_WEB: "false",
    LATCHKEY_RATE_LIMIT_PER_TOKEN: "0",
    LATCHKEY_RATE_LIMIT_PER_IP: "0",
    // Replaced codes are redeemed too (wrong codes): neither the installation-wide budget nor the
    // per-address block may turn the run's activations into refusals. Each activation names its
    // own address through the one trusted hop.
    LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE: "0",
    LATCHKEY_TRUST_PROXY: "1",
    LATCHKEY_HASH_MEMORY_KIB: "8192",
    LATCHKEY_HASH_ITERATIONS: "1",
    LATCHKEY_ADMIN_EMAIL: "root@crash.test",
    LATCHKEY_ADMIN_PASSWORD: "Quiet-Meadow-Copper-58",
    LATCHKEY_LOG_LEVEL: "warn",
  };
}

export async function runCrashSafety(opts: CrashOptions): Promise<CrashReport> {
  const log = opts.log ?? (() => {});
  const rnd = prng(opts.seed ?? Date.now());
  const dir = mkdtempSync(join(tmpdir(), "latchkey-crash-"));
  const dbPath = join(dir, "crash.db");
  const port = await freePort();
  const env = serverEnv(dbPath, port);
  const url = `http://127.0.0.1:${port}`;
  const world = await seed(env);
  const initial = new Database(dbPath);
  const initialSeq = new Map(
    (initial.prepare("SELECT guid, sequence FROM employees").all() as { guid: string; sequence: number }[]).map((r) => [
      r.guid,
      r.sequence,
    ]),
  );
  initial.close();
  const acks: Ack[] = [];
  let unknown = 0;
  let refused = 0;
  let violations: string[] = [];
  let n = 0;
  try {
    // One start more than kills: the last start only retries the keyed requests of the last round.
    for (let round = 1; round <= opts.rounds + 1; round++) {
      const since = performance.now();
      const proc: Spawned = spawnTs("apps/server/src/main.ts", { env, logFile: join(dir, "server.log") });
      await waitReady(`${url}/openapi.json`, since, proc, 60_000);
      const codesBefore = countCodes(dbPath);
      violations = await replayKeyed(url, world, acks);
      if (countCodes(dbPath) !== codesBefore) violations.push("an idempotent retry created another activation code");
      if (violations.length || round > opts.rounds) {
        proc.child.kill("SIGKILL");
        await proc.exited;
        break;
      }
      let stopping = false;
      const loops = Array.from({ length: opts.workers ?? 6 }, async () => {
        while (!stopping) {
          const rid = `crash-${round}-${(n += 1)}`;
          const generated = acks.filter((a) => a.kind === "generate");
          const out = await oneRequest(url, world, rnd, rid, generated);
          if (out === "unknown") {
            unknown += 1;
            return;
          }
          if (out === "refused") refused += 1;
          else acks.push(out);
        }
      });
      // Let the load run, then pull the plug without warning.
      await sleep(150 + Math.floor(rnd() * 1200));
      proc.child.kill("SIGKILL");
      stopping = true;
      await proc.exited;
      await Promise.all(loops);
      violations = checkInvariants(dbPath, world, acks, initialSeq);
      log(`round ${round}/${opts.rounds}: ${acks.length} acknowledged, ${unknown} cut off, ${violations.length} violations`);
      if (violations.length) break;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const summary = `crash-safety: ${violations.length ? "FAIL" : "ok"} rounds=${opts.rounds} kills=${opts.rounds} acknowledged=${acks.length} cut_off=${unknown} refused=${refused} violations=${violations.length}${violations.length ? ` first="${violations[0]}"` : ""}`;
  return { rounds: opts.rounds, acknowledged: acks.length, unknown, refused, violations, summary };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const report = await runCrashSafety({
    rounds: arg("rounds") ?? 20,
    seed: arg("seed") ?? Date.now() % 1_000_000,
    workers: arg("workers") ?? 6,
    log: (l) => process.stderr.write(`${l}\n`),
  });
  for (const v of report.violations) process.stderr.write(`  violation: ${v}\n`);
  process.stdout.write(`${report.summary}\n`);
  process.exit(report.violations.length ? 1 : 0);
}
