// What operators' machines ask: /healthz, /readyz and /metrics on the real server, and the
// request log. Request limits are at their tightest here (1 a minute per address): probes and
// scrapes must never be refused.
import { afterAll, describe, expect, it } from "vitest";
import { deliverDueMessages, startDeliveryWorker } from "@latchkey/api";
import { useServer } from "./useServer";

const METRICS_TOKEN = "metrics-token-for-tests-0123456789";
const t = useServer({ LATCHKEY_METRICS_TOKEN: METRICS_TOKEN, LATCHKEY_RATE_LIMIT_PER_IP: "1" });
const off = useServer();

const scrape = async (token: string | null = METRICS_TOKEN) => t.call("GET", "/metrics", { token });

/** The value of one sample, e.g. sample(text, 'latchkey_operations_total{procedure="x",outcome="ok"}'). */
function sample(text: string, series: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

let stopWorker: (() => Promise<void>) | null = null;
afterAll(async () => {
  await stopWorker?.();
});

describe("/healthz and /readyz", () => {
  it("/healthz answers without credentials, however often it is asked", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await t.call("GET", "/healthz", { token: null });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toEqual({ status: "ok" });
    }
    expect((await t.call("HEAD", "/healthz", { token: null })).status).toBe(200);
    expect((await t.call("POST", "/healthz", { token: null })).status).toBe(405);
  });

  it("/readyz is 503 until the delivery worker runs, then 200 with every check named", async () => {
    const before = await t.call("GET", "/readyz", { token: null });
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({
      status: "not ready",
      checks: { database: "ok", schema: "current", delivery: "stopped" },
    });
    stopWorker = startDeliveryWorker(t.services, { intervalMs: 3_600_000 });
    for (let i = 0; i < 3; i++) {
      const res = await t.call("GET", "/readyz", { token: null });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ready", checks: { database: "ok", schema: "current", delivery: "running" } });
    }
  });

  it("/readyz is 503 on a database a newer version migrated", async () => {
    const table = t.services.database.dialect === "postgres" ? "drizzle.__drizzle_migrations" : "__drizzle_migrations";
    await t.exec(`INSERT INTO ${table} (hash, created_at) VALUES ('from-a-newer-version', 4102444800000)`);
    try {
      const res = await t.call("GET", "/readyz", { token: null });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { checks: unknown }).checks).toEqual({ database: "ok", schema: "ahead", delivery: "running" });
    } finally {
      await t.exec(`DELETE FROM ${table} WHERE hash = 'from-a-newer-version'`);
    }
    expect((await t.call("GET", "/readyz", { token: null })).status).toBe(200);
  });
});

describe("/metrics", () => {
  it("does not exist unless a token is configured", async () => {
    const res = await off.call("GET", "/metrics", { token: null });
    expect(res.status).toBe(404);
    expect((await off.call("GET", "/metrics", { token: METRICS_TOKEN })).status).toBe(404);
  });

  it("answers only the configured bearer token", async () => {
    for (const token of [null, "wrong-token-wrong-token-wrong", `${METRICS_TOKEN}x`, t.world.tokens.instanceAdmin]) {
      const res = await scrape(token);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    }
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("counts requests per family and route pattern, and outcomes per procedure and domain code", async () => {
    const w = t.world;
    const before = await (await scrape()).text();
    expect((await t.call("GET", `/api/trpc/employees.list?input=${encodeURIComponent("{}")}`)).status).toBe(200);
    const missing = encodeURIComponent(JSON.stringify({ guid: "00000000-0000-4000-8000-000000000000" }));
    expect((await t.call("GET", `/api/trpc/employees.get?input=${missing}`)).status).toBe(404);
    expect((await t.call("GET", "/api/trpc/no.such.procedure")).status).toBe(404);
    expect((await t.call("POST", `/orgs/${w.org.guid}/employees/${w.employees[0]!.guid}:reset-password`)).status).toBe(204);
    expect((await t.call("PROPFIND", `/orgs/${w.org.guid}/employees/${w.employees[0]!.guid}:reset-password`)).status).toBe(405);
    const after = await (await scrape()).text();
    // What these requests added (the seed ran procedures in-process before).
    const delta = (series: string) => (sample(after, series) ?? 0) - (sample(before, series) ?? 0);
    const trpc = (route: string, method: string, status: number) =>
      delta(`latchkey_http_requests_total{family="trpc",route="${route}",method="${method}",status="${status}"}`);
    expect(trpc("/api/trpc/employees.list", "GET", 200)).toBe(1);
    expect(trpc("/api/trpc/employees.get", "GET", 404)).toBe(1);
    expect(trpc("/api/trpc/{unknown}", "GET", 404)).toBe(1);
    const rest = "/orgs/{org_guid}/employees/{employee_guid}:reset-password";
    expect(delta(`latchkey_http_requests_total{family="lifePos",route="${rest}",method="POST",status="204"}`)).toBe(1);
    expect(delta(`latchkey_http_requests_total{family="lifePos",route="${rest}",method="other",status="405"}`)).toBe(1);
    expect(delta(`latchkey_http_request_duration_seconds_count{family="lifePos",route="${rest}",method="POST"}`)).toBe(1);
    expect(delta(`latchkey_operations_total{procedure="employees.list",outcome="ok"}`)).toBe(1);
    expect(delta(`latchkey_operations_total{procedure="employees.get",outcome="NotFound"}`)).toBe(1);
    expect(delta(`latchkey_operations_total{procedure="employees.resetPassword",outcome="ok"}`)).toBe(1);
  });

  it("shows the outbox backlog and delivery outcomes, group commits, argon2 and the process", async () => {
    const w = t.world;
    const backlogOf = (text: string) => sample(text, 'latchkey_outbox_backlog{channel="sms"}');
    const pending = backlogOf(await (await scrape()).text())!;
    expect(pending).toBeGreaterThanOrEqual(1);
    await deliverDueMessages(t.services, 1000);
    expect(await t.admin().employees.setPassword({ guid: w.employees[1]!.guid, password: "Quartz-Meadow-Lantern-58" })).toBeTruthy();
    const text = await (await scrape()).text();
    expect(backlogOf(text)).toBe(0);
    expect(sample(text, 'latchkey_outbox_backlog{channel="email"}')).toBe(0);
    expect(sample(text, "latchkey_outbox_oldest_pending_seconds")).toBe(0);
    expect(sample(text, 'latchkey_deliveries_total{channel="sms",outcome="sent"}')).toBeGreaterThanOrEqual(pending);
    expect(sample(text, "latchkey_group_commit_transactions_count")).toBeGreaterThan(0);
    expect(sample(text, "latchkey_group_commit_duration_seconds_count")).toBeGreaterThan(0);
    expect(sample(text, 'latchkey_argon2_duration_seconds_count{op="hash"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, "latchkey_argon2_queue_depth")).toBe(0);
    expect(sample(text, "nodejs_eventloop_lag_seconds")).not.toBeNull();
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("never carries an id, a login, a token or a code", async () => {
    const w = t.world;
    const text = await (await scrape()).text();
    const secrets = [
      w.org.guid,
      w.org.alias,
      ...w.employees.flatMap((e) => [e.guid, e.email, e.phone ?? w.org.guid]),
      ...Object.values(w.tokens),
      METRICS_TOKEN,
    ];
    for (const s of secrets) expect(text).not.toContain(s);
    const codes = (await t.sql<{ body: string }>("SELECT body FROM outbox_messages")).flatMap((m) => m.body.match(/\d{8}/g) ?? []);
    for (const code of codes) expect(text).not.toContain(code);
  });
});

describe("the request log", () => {
  it("names the procedure, the route and the request id, which the answer and the audit event carry", async () => {
    const w = t.world;
    const before = t.logLines.length;
    const res = await t.call("POST", "/api/trpc/employees.resetPassword", {
      body: { guid: w.employees[2]!.guid },
      headers: { "x-request-id": "ticket-4711.a" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("ticket-4711.a");
    const line = t.logLines
      .slice(before)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === "http.request");
    expect(line).toMatchObject({
      level: "info",
      method: "POST",
      route: "/api/trpc/employees.resetPassword",
      procedure: "employees.resetPassword",
      family: "trpc",
      status: 200,
      requestId: "ticket-4711.a",
    });
    const audit = await t.sql<{ request_id: string }>(
      "SELECT request_id FROM audit_events WHERE action = 'employee.reset_password' ORDER BY id DESC LIMIT 1",
    );
    expect(audit[0]?.request_id).toBe("ticket-4711.a");
  });

  it("gives a fresh id to a request without a sane one, and logs probes at debug only", async () => {
    const res = await t.call("GET", "/healthz", { token: null, headers: { "x-request-id": "no spaces allowed" } });
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = t.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === id);
    expect(line).toMatchObject({ level: "debug", route: "/healthz", family: "ops", status: 200 });
  });
});
