// Several real server processes on one PostgreSQL database serve one installation: what must
// hold across instances is decided by the database, never by one process's memory. Requests are
// spread over two instances (`tsx apps/server/src/main.ts`, started together on an empty
// database, so they also migrate and bootstrap at the same moment).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, createServices, loadConfig, ManualClock, type Services } from "@latchkey/api";
import { createScratchDatabase, testDialect, type ScratchDatabase } from "@latchkey/db/testing";
import { seedWorld, type World } from "./seedWorld";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const MAIN = join(ROOT, "apps", "server", "src", "main.ts");
const SECRET = "multi-instance-Secret-7Hq2LmZx9vRk4pTn3bYc6dFg8jWs5";
const onPostgres = testDialect() === "postgres";

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface Instance {
  url: string;
  child: ChildProcess;
}

/** Starts one server process and resolves once it logged server.ready. */
async function startInstance(databaseUrl: string, env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = spawn(TSX, [MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      PORT: String(port),
      HOST: "127.0.0.1",
      LATCHKEY_WEB: "false",
      DATABASE_URL: databaseUrl,
      LATCHKEY_SECRET: SECRET,
      LATCHKEY_ADMIN_EMAIL: "admin@multi.test",
      LATCHKEY_ADMIN_PASSWORD: "Multi-Instance-Admin-2048",
      LATCHKEY_HASH_MEMORY_KIB: "8192",
      LATCHKEY_HASH_ITERATIONS: "1",
      LATCHKEY_RATE_LIMIT_PER_TOKEN: "0",
      LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE: "0",
      // The test's X-Forwarded-For is the client address (one trusted hop, the test itself).
      LATCHKEY_TRUST_PROXY: "1",
      ...env,
    } as unknown as NodeJS.ProcessEnv,
  });
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      stderr += d.toString("utf8");
      if (stderr.includes('"msg":"server.ready"')) resolve();
    });
    child.on("exit", (code) => reject(new Error(`instance exited with ${code}: ${stderr}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

const PER_IP = 6;
let scratch: ScratchDatabase;
let instances: Instance[] = [];
let services: Services;
let world: World;

beforeAll(async () => {
  if (!onPostgres) return;
  scratch = await createScratchDatabase("postgres", "multi");
  // Two processes on an empty database at once: one migrates and bootstraps, the other waits its turn.
  instances = await Promise.all([0, 1].map(() => startInstance(scratch.url, { LATCHKEY_RATE_LIMIT_PER_IP: String(PER_IP) })));
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

/** The i-th request goes to instance i mod 2. */
const on = (i: number, path: string, init: RequestInit & { token?: string | null } = {}) => {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? world.tokens.service : init.token;
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  return fetch(`${instances[i % instances.length]!.url}${path}`, { ...init, headers });
};

describe.skipIf(!onPostgres)("two instances on one PostgreSQL database", () => {
  it("started together, created one instance admin", async () => {
    const rows = await services.database.rows<{ n: number }>(
      services.database.db,
      (await import("@latchkey/db")).sql`SELECT count(*) AS n FROM employees WHERE instance_admin`,
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it("50 parallel activations of one code, across both: exactly one 200", async () => {
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

  it("20 parallel resets of one employee, across both: exactly one passes the cooldown", async () => {
    const who = world.employees[1]!;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        on(i, `/orgs/${world.org.guid}/employees/${who.guid}:reset-password`, { method: "POST" }).then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s === 204)).toHaveLength(1);
    expect(answers.filter((s) => s === 429)).toHaveLength(19);
  });

  it("an Idempotency-Key sent to both replays one effect", async () => {
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
      (await import("@latchkey/db"))
        .sql`SELECT count(*) AS n FROM activation_codes WHERE workplace_guid = ${world.workplaces[1]!.guid} AND consumed_at IS NULL AND revoked_at IS NULL`,
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
      (await import("@latchkey/db")).sql`SELECT id FROM api_tokens WHERE prefix = ${prefix}`,
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

  it("the per-address request limit is one budget across both", async () => {
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
});
