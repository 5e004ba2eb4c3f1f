// What every request meets before routing (src/edgeGuards.ts): methods web pages do not take,
// nosniff on every answer, and the Host allowlist that keeps a DNS-rebinding page out.
// The method gate runs before Next is asked (it answered TRACE with a 500 and a stack trace in
// the log), so these API-only servers exercise the same code a server with the web app runs.
import { describe, expect, it } from "vitest";
import { expectNoEffect } from "../expectNoEffect";
import { fromAddress, type Answer } from "../fromAddress";
import { PASSWORD } from "../passwords";
import { useServer, type TestServer } from "../useServer";

const send = (t: TestServer, method: string, path: string, headers: Record<string, string> = {}, body?: object): Promise<Answer> =>
  fromAddress("127.0.0.1", `${t.url}${path}`, { method, headers, ...(body ? { body } : {}) });

/** fromAddress's answer as a Response, for expectNoEffect. */
const asResponse = (a: Answer) => new Response(a.body, { status: a.status });

const PAGES = ["/", "/console", "/console/employees", "/sign-in", "/reset", "/activate", "/no-such-page"];

describe("methods web pages do not take", () => {
  const t = useServer();

  it("TRACE, PUT, DELETE, PATCH, OPTIONS and WebDAV methods on pages answer 405 with Allow, never a 5xx or a stack", async () => {
    const before = t.logLines.length;
    for (const path of PAGES)
      for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "MKCOL", "PURGE", "LINK"]) {
        const res = await send(t, method, path);
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers["allow"]).toBe("GET, HEAD, POST");
        expect(res.body).toBe("Method not allowed.\n");
      }
    const logged = t.logLines.slice(before).join("\n");
    expect(logged).not.toMatch(/"level":"error"|web\.unhandled|\bat \S+ \(/);
  });

  it("TRACE on API paths is refused too, and never echoes the request", async () => {
    for (const path of ["/api/trpc/auth.me", "/openapi.json", "/healthz", `/orgs/${t.world.org.guid}/workplaces`]) {
      const res = await send(t, "TRACE", path, { authorization: `Bearer ${t.world.tokens.service}`, "x-secret-probe": "echo-me" });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(res.body).not.toContain("echo-me");
      expect(res.body).not.toContain(t.world.tokens.service);
    }
  });
});

describe("X-Content-Type-Options: nosniff", () => {
  const t = useServer();

  it("is on every answer: tRPC, REST in each outcome, OpenAPI, health, refusals", async () => {
    const w = t.world;
    const bearer = { authorization: `Bearer ${w.tokens.service}` };
    const answers = [
      await send(t, "GET", "/api/trpc/auth.me", bearer),
      await send(t, "GET", "/api/trpc/auth.me"),
      await send(t, "POST", "/api/trpc/no.such", bearer, {}),
      await send(t, "POST", `/orgs/${w.org.guid}/workplaces/${w.workplaces[0]!.guid}:generate-activation-code`, bearer, {}),
      await send(t, "POST", "/auth/activate-workplace", {}, { activation_code: "00000001" }),
      await send(t, "GET", "/api/web/custom/password/admin_reset", bearer),
      await send(t, "GET", "/openapi.json"),
      await send(t, "GET", "/healthz"),
      await send(t, "GET", "/no-such-path"),
      await send(t, "TRACE", "/console"),
    ];
    for (const a of answers) expect(a.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("the Host allowlist (LATCHKEY_PUBLIC_URL set)", () => {
  const t = useServer({ LATCHKEY_PUBLIC_URL: "https://latchkey.example.test", LATCHKEY_ALLOWED_HOSTS: "internal.example.test" });

  it("a request naming another host (a rebinding page's) gets 421 and nothing else, on every kind of path", async () => {
    const w = t.world;
    await expectNoEffect(t, async () => {
      const out: Response[] = [];
      for (const host of ["rebind.attacker.test", "rebind.attacker.test:3000", "latchkey.example.test.attacker.test", "10.0.0.5"]) {
        const headers = { host, authorization: `Bearer ${w.tokens.service}` };
        const answers = [
          await send(t, "GET", "/api/trpc/auth.me", headers),
          await send(t, "POST", "/api/trpc/auth.signIn", { host }, { login: w.employees[0]!.email, password: "wrong-password-123" }),
          await send(t, "POST", `/orgs/${w.org.guid}/workplaces/${w.workplaces[0]!.guid}:generate-activation-code`, headers, {}),
          await send(t, "GET", "/openapi.json", headers),
          await send(t, "GET", "/console", headers),
          await send(t, "GET", "/metrics", headers),
        ];
        for (const a of answers) {
          expect(a.status, host).toBe(421);
          expect(a.body).toBe("This server does not answer for that host name.\n");
        }
        out.push(...answers.map(asResponse));
      }
      return out;
    });
  });

  it("the public name (any case, any port), loopback names and LATCHKEY_ALLOWED_HOSTS are served", async () => {
    const port = new URL(t.url).port;
    for (const host of [
      "latchkey.example.test",
      "latchkey.example.test:443",
      "Latchkey.Example.TEST",
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      "internal.example.test:8443",
    ]) {
      const res = await send(t, "GET", "/api/trpc/auth.me", { host, authorization: `Bearer ${t.world.tokens.service}` });
      expect(res.status, host).toBe(200);
    }
  });

  it("health probes answer whatever the Host (load balancers probe by address)", async () => {
    expect((await send(t, "GET", "/healthz", { host: "10.1.2.3:3000" })).status).toBe(200);
    // Not ready here (no delivery worker runs in tests), but answered, not refused.
    expect((await send(t, "GET", "/readyz", { host: "10.1.2.3:3000" })).status).toBe(503);
  });

  it("a refused sign-in is not even counted: the real one still works after many", async () => {
    const w = t.world;
    for (let i = 0; i < 12; i++)
      expect(
        (
          await send(
            t,
            "POST",
            "/api/trpc/auth.signIn",
            { host: "rebind.attacker.test" },
            { login: w.owner.email, password: "Wrong-Password-12" },
          )
        ).status,
      ).toBe(421);
    const ok = await send(t, "POST", "/api/trpc/auth.signIn", {}, { login: w.owner.email, password: PASSWORD });
    expect(ok.status).toBe(200);
  });
});

describe("without LATCHKEY_PUBLIC_URL", () => {
  const t = useServer();

  it("any Host is served (a first try on a laptop, a name not configured yet)", async () => {
    const res = await send(t, "GET", "/api/trpc/auth.me", {
      host: "whatever.example.test",
      authorization: `Bearer ${t.world.tokens.service}`,
    });
    expect(res.status).toBe(200);
  });
});
