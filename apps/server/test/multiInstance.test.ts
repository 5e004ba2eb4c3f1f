// Several real server processes on one PostgreSQL database serve one installation: what must
// hold across instances is decided by the database, never by one process's memory. Requests are
// spread over three instances (instances.ts; started together on an empty database, so they also
// migrate and bootstrap at the same moment), and the last test kills one with SIGKILL mid-stream.
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller, createLogger, createServices, createSystemContext, loadConfig, ManualClock, type Services } from "@latchkey/api";
import { sql } from "@latchkey/db";
import { createScratchDatabase, testDialect, type ScratchDatabase } from "@latchkey/db/testing";
import { freePort } from "./freePort";
import { loggedAll, SECRET, servedRequestIds, startInstance, type Instance } from "./instances";
import { certificateFor, nginxCommand, nginxSite, SITE, startProxy, viaProxy } from "./reverseProxy";
import { seedWorld, type World } from "./seedWorld";
import { runWriteStream } from "./writeStream";

const onPostgres = testDialect() === "postgres";

const PER_IP = 6;
const INSTANCE_ENV = { LATCHKEY_RATE_LIMIT_PER_IP: String(PER_IP), LATCHKEY_PUBLIC_URL: `https://${SITE}` };
let scratch: ScratchDatabase;
let instances: Instance[] = [];
let services: Services;
let world: World;

beforeAll(async () => {
  if (!onPostgres) return;
  scratch = await createScratchDatabase("postgres", "multi");
  // Three processes on an empty database at once: one migrates and bootstraps, the others wait their turn.
  instances = await Promise.all([0, 1, 2].map(() => startInstance(scratch.url, INSTANCE_ENV)));
  const config = loadConfig({
    DATABASE_URL: scratch.url,
    LATCHKEY_SECRET: SECRET,
    LATCHKEY_HASH_MEMORY_KIB: "8192",
    LATCHKEY_HASH_ITERATIONS: "1",
  } as unknown as NodeJS.ProcessEnv);
  services = await createServices(config, { log: createLogger("silent"), clock: new ManualClock(Date.now()) });
  world = await seedWorld(services, new ManualClock(Date.now()));
}, 120_000);

afterAll(async () => {
  for (const i of instances) i.child.kill("SIGKILL");
  await services?.database.close();
  await scratch?.drop();
});

/** The i-th request goes to instance i mod 3. */
const on = (i: number, path: string, init: RequestInit & { token?: string | null } = {}) => {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? world.tokens.service : init.token;
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  return fetch(`${instances[i % instances.length]!.url}${path}`, { ...init, headers });
};

describe.skipIf(!onPostgres)("three instances on one PostgreSQL database", () => {
  it("started together, created one instance admin", async () => {
    const rows = await services.database.rows<{ n: number }>(
      services.database.db,
      sql`SELECT count(*) AS n FROM employees WHERE instance_admin`,
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it("50 parallel activations of one code, across all three: exactly one 200", async () => {
    const gen = await on(0, `/orgs/${world.org.guid}/workplaces/${world.workplaces[0]!.guid}:generate-activation-code`, {
      method: "POST",
      body: JSON.stringify({ employee: { guid: world.employees[0]!.guid, type_of: "Employee" } }),
    });
    expect(gen.status).toBe(200);
    const { activation_code } = (await gen.json()) as { activation_code: string };
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        on(i, "/auth/activate-workplace", {
          method: "POST",
          token: null,
          headers: { "x-forwarded-for": `10.50.${i}.1` },
          body: JSON.stringify({ activation_code }),
        }).then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s === 200)).toHaveLength(1);
  });

  it("20 parallel resets of one employee, across all three: exactly one passes the cooldown", async () => {
    const who = world.employees[1]!;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        on(i, `/orgs/${world.org.guid}/employees/${who.guid}:reset-password`, { method: "POST" }).then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s === 204)).toHaveLength(1);
    expect(answers.filter((s) => s === 429)).toHaveLength(19);
  });

  it("an Idempotency-Key sent to all three replays one effect", async () => {
    const path = `/orgs/${world.org.guid}/workplaces/${world.workplaces[1]!.guid}:generate-activation-code`;
    const body = JSON.stringify({ employee: { guid: world.employees[2]!.guid, type_of: "Employee" } });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => on(i, path, { method: "POST", body, headers: { "idempotency-key": "multi-1" } })),
    );
    const codes = new Set<string>();
    for (const r of answers) {
      expect([200, 429]).toContain(r.status);
      if (r.status === 200) codes.add(((await r.json()) as { activation_code: string }).activation_code);
    }
    expect(codes.size).toBe(1);
    const open = await services.database.rows<{ n: number }>(
      services.database.db,
      sql`SELECT count(*) AS n FROM activation_codes WHERE workplace_guid = ${world.workplaces[1]!.guid} AND consumed_at IS NULL AND revoked_at IS NULL`,
    );
    expect(Number(open[0]!.n)).toBe(1);
  });

  it("a token revoked through one instance is refused by the other at once", async () => {
    const path = `/orgs/${world.org.guid}/employees/${world.employees[3]!.guid}:reset-password`;
    // The admin's token works on instance 1…
    expect((await on(1, path, { method: "POST", token: world.tokens.admin })).status).toBe(204);
    const prefix = world.tokens.admin.split("_")[1]!;
    const [token] = await services.database.rows<{ id: string }>(
      services.database.db,
      sql`SELECT id FROM api_tokens WHERE prefix = ${prefix}`,
    );
    // …is revoked over tRPC on instance 0…
    const revoked = await on(0, "/api/trpc/tokens.revoke", {
      method: "POST",
      token: world.tokens.owner,
      body: JSON.stringify({ id: token!.id }),
    });
    expect(revoked.status).toBe(200);
    // …and instance 1 refuses it on the next request.
    expect((await on(1, path, { method: "POST", token: world.tokens.admin })).status).toBe(401);
  });

  it("the per-address request limit is one budget across all three", async () => {
    const answers = [];
    for (let i = 0; i < PER_IP * 2; i++)
      answers.push(
        // Without credentials: 401 until the address's budget is spent, then 429.
        (
          await on(i, `/orgs/${world.org.guid}/employees/${world.employees[4]!.guid}:reset-password`, {
            method: "POST",
            token: null,
            headers: { "x-forwarded-for": "10.99.0.1" },
          })
        ).status,
      );
    expect(answers).toEqual([...Array<number>(PER_IP).fill(401), ...Array<number>(PER_IP).fill(429)]);
  });

  describe("behind nginx: deploy/nginx.conf with the upstream block README shows, over instances 0 and 1", () => {
    let dir = "";
    let proxy: { stop(): Promise<void> } | undefined;
    let https = 0;
    let ca = "";
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "latchkey-instances-nginx-"));
      const certificate = certificateFor(dir);
      ca = certificate.ca;
      const http = await freePort();
      https = await freePort();
      const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
      const block = /^## Scaling out$[\s\S]*?^```nginx\n([\s\S]*?)^```$/m.exec(readme)?.[1];
      if (!block?.includes("server 127.0.0.1:3001;") || !block.includes("server 127.0.0.1:3002;"))
        throw new Error("README's Scaling out no longer shows the two-instance upstream block");
      const upstream = () =>
        block
          .replace("server 127.0.0.1:3001;", `server 127.0.0.1:${instances[0]!.port};`)
          .replace("server 127.0.0.1:3002;", `server 127.0.0.1:${instances[1]!.port};`);
      proxy = await startProxy(nginxCommand(dir, nginxSite({ http, https, certificate, upstream })), https, { HOME: dir });
    });
    afterAll(async () => {
      await proxy?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
    /** A request through nginx's one port, from a client at `client`. */
    const from = (client: string, path: string, opts: { headers?: Record<string, string>; body?: object } = {}) =>
      viaProxy({ https, ca, localAddress: client }, path, opts);

    it("spreads requests over both instances", async () => {
      const ids = Array.from({ length: 8 }, (_, i) => `nginx-spread-${i}`);
      for (const id of ids) expect((await from("127.0.0.2", "/openapi.json", { headers: { "x-request-id": id } })).status).toBe(200);
      // Each instance's own request log: both served some, between them all, the third none.
      await loggedAll(instances, ids);
      const [a, b, c] = instances.map((i) => ids.filter((id) => servedRequestIds(i).has(id)));
      expect(a!.length).toBeGreaterThan(0);
      expect(b!.length).toBeGreaterThan(0);
      expect([...a!, ...b!].sort()).toEqual([...ids].sort());
      expect(c).toEqual([]);
    });

    it("the audit log and the per-address limit see the client's own address, never its claim or nginx's", async () => {
      for (const client of ["127.0.0.2", "127.0.0.3"]) {
        // A wrong activation code: refused and audited, with the address the server took.
        const rid = `nginx-address-${client}`;
        const wrong = await from(client, "/auth/activate-workplace", {
          headers: { "x-request-id": rid, "x-forwarded-for": "203.0.113.7" },
          body: { activation_code: "00000001" },
        });
        expect(wrong.status).toBe(401);
        const [event] = await services.database.rows<{ ip: string | null }>(
          services.database.db,
          sql`SELECT ip FROM audit_events WHERE request_id = ${rid}`,
        );
        expect(event?.ip).toBe(client);
        // The rest of the address's budget, each request claiming another address: the claims
        // buy nothing, and one client's budget is not the other's (nginx's own would be shared).
        const answers = [];
        for (let i = 0; i < PER_IP; i++) {
          const res = await from(client, `/orgs/${world.org.guid}/employees/${world.employees[4]!.guid}:reset-password`, {
            headers: { "x-forwarded-for": `203.0.113.${10 + i}` },
            body: {},
          });
          answers.push(res.status);
        }
        expect(answers).toEqual([...Array<number>(PER_IP - 1).fill(401), 429]);
      }
      // Each client's own count (one activation and PER_IP resets), and no claimed address counted.
      const counted = await services.database.rows<{ key: string; count: number }>(
        services.database.db,
        sql`SELECT key, count FROM rate_limits WHERE key IN ('api:ip:127.0.0.2', 'api:ip:127.0.0.3') OR key LIKE 'api:ip:203.0.113.%' ORDER BY key`,
      );
      expect(counted.map((r) => [r.key, Number(r.count)])).toEqual([
        ["api:ip:127.0.0.2", PER_IP + 1],
        ["api:ip:127.0.0.3", PER_IP + 1],
      ]);
    });

    it("passes over an instance that died: reads and writes sent after it went down are answered by the other", async () => {
      const dead = instances[1]!;
      dead.child.kill("SIGKILL");
      await dead.exited;
      const ids = Array.from({ length: 6 }, (_, i) => `nginx-failover-${i}`);
      for (const id of ids) expect((await from("127.0.0.4", "/openapi.json", { headers: { "x-request-id": id } })).status).toBe(200);
      // A POST too: the dead instance refuses the connection before anything is sent, so nginx
      // may send it on (it never repeats a POST an instance may have received).
      const wrongCode = await from("127.0.0.4", "/auth/activate-workplace", {
        headers: { "x-request-id": "nginx-failover-post" },
        body: { activation_code: "00000002" },
      });
      expect(wrongCode.status).toBe(401);
      await loggedAll([instances[0]!], [...ids, "nginx-failover-post"]);
      expect([...ids, "nginx-failover-post"].filter((id) => !servedRequestIds(instances[0]!).has(id))).toEqual([]);
      // Back on its port for the tests that follow (nginx tries it again after its fail_timeout).
      instances[1] = await startInstance(scratch.url, INSTANCE_ENV, dead.port);
    });
  });

  // Last: it leaves instance 2 dead.
  it("kill -9 of one instance under write load: the others answer, every acknowledged write is stored, nothing is half done", async () => {
    const api = createCaller(createSystemContext(services, { org: { guid: world.org.guid } }));
    const employees: string[] = [];
    for (let i = 0; i < 4; i++)
      employees.push((await api.employees.create({ displayName: `Writer ${i}`, email: `writer${i}@multi.test` })).guid);
    const workplaces: string[] = [];
    for (let i = 0; i < 2; i++)
      workplaces.push((await api.workplaces.create({ outletGuid: world.workplaces[0]!.outletGuid, name: `Stream till ${i}` })).guid);
    const ours = (guid: string | null) => employees.includes(guid!) || workplaces.includes(guid!);
    const before = new Map(
      (
        await services.database.rows<{ guid: string; sequence: number }>(
          services.database.db,
          sql`SELECT guid, sequence FROM employees WHERE org_guid = ${world.org.guid}`,
        )
      ).map((r) => [r.guid, Number(r.sequence)]),
    );

    // Six loops send set-password and generate-activation-code in turn to instances 0, 1, 2, 0, …;
    // instance 2 gets SIGKILL once 30 writes were acknowledged, with requests in flight.
    const sent = await runWriteStream({
      ...{ instances, victim: 2, org: world.org.guid, token: world.tokens.service, employees, workplaces },
      ...{ killAfter: 30, afterDeath: 4, workers: 6 },
    });
    const acked = sent.filter((s) => s.status === 200);
    const unanswered = sent.filter((s) => s.status === undefined);
    // Every answer, from any instance before or after the kill, is a success; only the killed
    // instance ever left a request unanswered, and it had acknowledged writes before it died.
    expect(sent.filter((s) => s.status !== undefined && s.status !== 200)).toEqual([]);
    expect(unanswered.filter((s) => s.instance !== 2)).toEqual([]);
    expect(acked.filter((s) => s.instance === 2).length).toBeGreaterThan(0);
    // (a) Sent once it was gone: the survivors answer every request, the dead one none, at the
    // connection level (fetch fails; no status at all).
    const late = sent.filter((s) => s.afterDeath);
    expect(late.filter((s) => s.instance !== 2).length).toBeGreaterThan(0);
    expect(late.filter((s) => s.instance !== 2 && s.status !== 200)).toEqual([]);
    expect(late.filter((s) => s.instance === 2).length).toBeGreaterThan(0);
    expect(late.filter((s) => s.instance === 2 && s.status !== undefined)).toEqual([]);
    // Cut off in flight (the socket closed or reset) or refused: never an HTTP answer.
    for (const s of unanswered) expect(s.error).toMatch(/^TypeError: (ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET|EPIPE)$/);

    // (b) Every acknowledged write has its one success event (written in the write's own
    // transaction), and no write happened that was neither acknowledged nor cut off.
    const events = await services.database.rows<{ request_id: string; action: string; target_id: string }>(
      services.database.db,
      sql`SELECT request_id, action, target_id FROM audit_events WHERE org_guid = ${world.org.guid} AND outcome = 'success' AND request_id LIKE 'stream-%'`,
    );
    const done = new Map(events.map((e) => [e.request_id, e]));
    expect(done.size).toBe(events.length);
    expect(acked.filter((s) => !done.has(s.rid))).toEqual([]);
    const cutOff = new Set(unanswered.map((s) => s.rid));
    expect(events.filter((e) => !acked.some((s) => s.rid === e.request_id) && !cutOff.has(e.request_id))).toEqual([]);
    // Each returned activation code is stored for its workplace.
    const hash = (code: string) => createHmac("sha256", Buffer.from(SECRET, "utf8")).update(code, "utf8").digest("base64url");
    const codes = (
      await services.database.rows<{ code_hash: string; workplace_guid: string; consumed_at: unknown; revoked_at: unknown }>(
        services.database.db,
        sql`SELECT code_hash, workplace_guid, consumed_at, revoked_at FROM activation_codes WHERE org_guid = ${world.org.guid}`,
      )
    ).filter((c) => ours(c.workplace_guid));
    const workplaceOf = new Map(codes.map((c) => [c.code_hash, c.workplace_guid]));
    expect(acked.filter((s) => s.kind === "generate" && workplaceOf.get(hash(s.code!)) !== s.target)).toEqual([]);

    // (c) Nothing half done: one code per successful generation and one open code per workplace;
    // each employee's sequence moved once per successful set, and the password it holds is the
    // newest in its history.
    expect(codes).toHaveLength(events.filter((e) => e.action === "workplace.generate_activation_code").length);
    for (const w of workplaces) expect(codes.filter((c) => c.workplace_guid === w && !c.consumed_at && !c.revoked_at)).toHaveLength(1);
    const now = await services.database.rows<{ guid: string; sequence: number; password_hash: string | null; newest: string | null }>(
      services.database.db,
      sql`SELECT e.guid, e.sequence, e.password_hash,
            (SELECT h.password_hash FROM password_history h WHERE h.employee_id = e.id ORDER BY h.id DESC LIMIT 1) AS newest
          FROM employees e WHERE e.org_guid = ${world.org.guid}`,
    );
    for (const e of now.filter((r) => ours(r.guid))) {
      const sets = events.filter((ev) => ev.action === "employee.set_password" && ev.target_id === e.guid).length;
      expect(sets).toBeGreaterThan(0);
      expect(Number(e.sequence) - before.get(e.guid)!).toBe(sets);
      expect(e.password_hash).toBe(e.newest);
    }
  }, 60_000);
});
