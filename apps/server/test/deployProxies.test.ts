// deploy/nginx.conf and deploy/Caddyfile, as shipped, in front of the real server with the
// settings their headers name (HOST=127.0.0.1, an https LATCHKEY_PUBLIC_URL,
// LATCHKEY_TRUST_PROXY=1): a real nginx and a real Caddy terminate TLS with a certificate made
// here. Only what a test machine cannot have is changed: the ports they listen on (free loopback
// ports instead of 80 and 443), the certificate (instead of certbot's or Caddy's own) and the
// server's port. The client connects from 127.0.0.2, so the address the server records can only
// have come from the X-Forwarded-For the proxy set.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./freePort";
import { fromAddress } from "./fromAddress";
import { PASSWORD } from "./passwords";
import { binary, certificateFor, edited, nginxCommand, nginxSite, SITE, startProxy, viaProxy, type Certificate } from "./reverseProxy";
import { useServer } from "./useServer";

const CLIENT = "127.0.0.2";

const t = useServer({ HOST: "127.0.0.1", LATCHKEY_PUBLIC_URL: `https://${SITE}`, LATCHKEY_TRUST_PROXY: "1" });
const dir = mkdtempSync(join(tmpdir(), "latchkey-proxies-"));
let certificate: Certificate;
const upstreamPort = () => Number(new URL(t.url).port);

beforeAll(() => {
  certificate = certificateFor(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Proxy {
  http: number;
  https: number;
}

/** Starts a proxy process and waits until its https port accepts; stops it after the file's tests. */
function useProxy(
  name: string,
  setUp: (p: { http: number; https: number; dir: string }) => { argv: string[]; env?: Record<string, string> },
): Proxy {
  const proxy = { http: 0, https: 0 };
  let running: { stop(): Promise<void> } | undefined;
  beforeAll(async () => {
    [proxy.http, proxy.https] = [await freePort(), await freePort()];
    const own = join(dir, name);
    mkdirSync(own);
    const { argv, env } = setUp({ http: proxy.http, https: proxy.https, dir: own });
    running = await startProxy(argv, proxy.https, { HOME: own, ...env });
  });
  afterAll(async () => {
    await running?.stop();
  });
  return proxy;
}

/** A request to the proxy over TLS from CLIENT, addressed to the site by name. */
const via = (proxy: Proxy, path: string, opts: { headers?: Record<string, string>; body?: object } = {}) =>
  viaProxy({ https: proxy.https, ca: certificate.ca, localAddress: CLIENT }, path, opts);

/** What either example must do for Latchkey. */
function behavesAsDocumented(name: string, proxy: Proxy): void {
  it("sends plain http to the https address", async () => {
    const res = await fromAddress(CLIENT, `http://127.0.0.1:${proxy.http}/sign-in?x=1`, { headers: { host: SITE } });
    expect([301, 308]).toContain(res.status);
    expect(res.headers["location"]).toBe(`https://${SITE}/sign-in?x=1`);
  });

  it("passes the client's address: the audit log records the client, never what it claimed or the proxy", async () => {
    const rid = `${name}-client-address`;
    const res = await via(proxy, "/auth/activate-workplace", {
      headers: { "x-request-id": rid, "x-forwarded-for": "203.0.113.7" },
      body: { activation_code: "00000001" },
    });
    expect(res.status).toBe(401);
    expect(res.headers["strict-transport-security"]).toBe("max-age=63072000");
    const [event] = await t.sql<{ ip: string | null }>("SELECT ip FROM audit_events WHERE request_id = ?", rid);
    expect(event?.ip).toBe(CLIENT);
  });

  it("passes Host and the scheme: the session cookie is __Host- and Secure, and only the site's own pages write with it", async () => {
    const login = t.world.employees[0]!.email;
    const signIn = await via(proxy, "/api/trpc/auth.signIn", {
      headers: { origin: `https://${SITE}` },
      body: { login, password: PASSWORD },
    });
    expect(signIn.status, signIn.body).toBe(200);
    const cookie = String(signIn.headers["set-cookie"]);
    expect(cookie).toMatch(/^__Host-lk_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    const session = { cookie: cookie.split(";")[0]! };
    const me = await via(proxy, "/api/trpc/auth.me", { headers: session });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ result: { data: { employee: { email: login } } } });

    // The server tells the site's own pages from another site's only because the proxy passed
    // Host through: another site's write runs as nobody.
    const forged = await via(proxy, "/api/trpc/me.signOutEverywhere", {
      headers: { ...session, origin: "https://attacker.example" },
      body: {},
    });
    expect(forged.status).toBe(401);
    expect((await via(proxy, "/api/trpc/auth.me", { headers: session })).status).toBe(200);
    const own = await via(proxy, "/api/trpc/me.signOutEverywhere", { headers: { ...session, origin: `https://${SITE}` }, body: {} });
    expect(own.status, own.body).toBe(200);
    expect((await via(proxy, "/api/trpc/auth.me", { headers: session })).status).toBe(401);
  });

  it("keeps /metrics to the monitoring network, and /healthz open", async () => {
    expect((await via(proxy, "/metrics")).status).toBe(403);
    const health = await via(proxy, "/healthz");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: "ok" });
  });
}

describe("deploy/nginx.conf", () => {
  const proxy = useProxy("nginx", ({ http, https, dir: own }) => ({
    argv: nginxCommand(
      own,
      nginxSite({
        http,
        https,
        certificate,
        upstream: (block) => block.replace("server 127.0.0.1:3000;", `server 127.0.0.1:${upstreamPort()};`),
      }),
    ),
  }));
  behavesAsDocumented("nginx", proxy);
});

describe("deploy/Caddyfile", () => {
  const proxy = useProxy("caddy", ({ http, https, dir: own }) => {
    const site = edited("deploy/Caddyfile", [
      [/^latchkey\.example\.com \{$/m, `${SITE} {\n\ttls ${certificate.cert} ${certificate.key}`],
      [/reverse_proxy 127\.0\.0\.1:3000/, `reverse_proxy 127.0.0.1:${upstreamPort()}`],
    ]);
    const global = `{\n\tadmin off\n\thttp_port ${http}\n\thttps_port ${https}\n\tdefault_bind 127.0.0.1\n\tstorage file_system ${join(own, "data")}\n}\n\n`;
    writeFileSync(join(own, "Caddyfile"), global + site);
    return {
      argv: [binary("caddy"), "run", "--adapter", "caddyfile", "--config", join(own, "Caddyfile")],
      env: { XDG_DATA_HOME: own, XDG_CONFIG_HOME: own },
    };
  });
  behavesAsDocumented("caddy", proxy);
});

describe("straight to the server", () => {
  it("from the trusted hop's address, a claimed client address is believed: hence HOST=127.0.0.1", async () => {
    // The control for the address tests: what the proxy sets is what counts, and anyone who
    // reached the server's port directly could claim any address. The settings keep them out.
    const rid = "direct-client-address";
    await fromAddress("127.0.0.1", `${t.url}/auth/activate-workplace`, {
      headers: { "x-request-id": rid, "x-forwarded-for": "203.0.113.7" },
      body: { activation_code: "00000001" },
    });
    const [event] = await t.sql<{ ip: string | null }>("SELECT ip FROM audit_events WHERE request_id = ?", rid);
    expect(event?.ip).toBe("203.0.113.7");
  });
});
