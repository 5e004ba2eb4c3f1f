// deploy/nginx.conf and deploy/Caddyfile, as shipped, in front of the real server with the
// settings their headers name (HOST=127.0.0.1, an https LATCHKEY_PUBLIC_URL,
// LATCHKEY_TRUST_PROXY=1): a real nginx and a real Caddy terminate TLS with a certificate made
// here. Only what a test machine cannot have is changed: the ports they listen on (free loopback
// ports instead of 80 and 443), the certificate (instead of certbot's or Caddy's own) and the
// server's port. The client connects from 127.0.0.2, so the address the server records can only
// have come from the X-Forwarded-For the proxy set.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { connect, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromAddress, type Answer } from "./fromAddress";
import { PASSWORD } from "./passwords";
import { useServer } from "./useServer";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SITE = "latchkey.example.com";
const CLIENT = "127.0.0.2";
/** scripts/test.sh installs both; Debian puts nginx in /usr/sbin, outside a normal user's PATH. */
const binary = (name: string) =>
  ["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"].map((d) => join(d, name)).find(existsSync) ?? name;

const t = useServer({ HOST: "127.0.0.1", LATCHKEY_PUBLIC_URL: `https://${SITE}`, LATCHKEY_TRUST_PROXY: "1" });
const dir = mkdtempSync(join(tmpdir(), "latchkey-proxies-"));
const CERT = join(dir, "cert.pem");
const KEY = join(dir, "key.pem");
let ca = "";
const upstreamPort = () => Number(new URL(t.url).port);

beforeAll(() => {
  execFileSync("openssl", [
    ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", `/CN=${SITE}`],
    ...["-addext", `subjectAltName=DNS:${SITE}`, "-keyout", KEY, "-out", CERT],
  ]);
  ca = readFileSync(CERT, "utf8");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A shipped file with some lines replaced; a pattern it no longer has fails loudly. */
function edited(file: string, edits: [RegExp, string][]): string {
  let text = readFileSync(join(ROOT, "deploy", file), "utf8");
  for (const [from, to] of edits) {
    if (!from.test(text)) throw new Error(`deploy/${file} no longer has ${String(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

const accepting = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, "127.0.0.1", () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });

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
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    [proxy.http, proxy.https] = [await freePort(), await freePort()];
    const own = join(dir, name);
    mkdirSync(own);
    const { argv, env } = setUp({ http: proxy.http, https: proxy.https, dir: own });
    let log = "";
    const started = spawn(argv[0]!, argv.slice(1), {
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env.PATH ?? "", HOME: own, ...env } as unknown as NodeJS.ProcessEnv,
    });
    started.stdout.on("data", (d: Buffer) => (log += d.toString("utf8")));
    started.stderr.on("data", (d: Buffer) => (log += d.toString("utf8")));
    child = started;
    while (!(await accepting(proxy.https))) {
      if (started.exitCode !== null) throw new Error(`${name} exited (${started.exitCode}):\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const closed = new Promise((r) => child!.once("close", r));
      child.kill("SIGTERM");
      await closed;
    }
  });
  return proxy;
}

/** A request to the proxy over TLS from CLIENT, addressed to the site by name. */
function via(proxy: Proxy, path: string, opts: { headers?: Record<string, string>; body?: object } = {}): Promise<Answer> {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: proxy.https,
        path,
        method: body === undefined ? "GET" : "POST",
        servername: SITE,
        ca,
        localAddress: CLIENT,
        agent: false,
        headers: { host: SITE, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

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
  const proxy = useProxy("nginx", ({ http, https, dir: own }) => {
    writeFileSync(
      join(own, "latchkey.conf"),
      edited("nginx.conf", [
        [/^ *listen \[::\]:.*\n/gm, ""], // a test machine may have no IPv6 loopback
        [/listen 80;/, `listen 127.0.0.1:${http};`],
        [/listen 443 ssl http2;/, `listen 127.0.0.1:${https} ssl http2;`],
        [/ssl_certificate +\S+;/, `ssl_certificate ${CERT};`],
        [/ssl_certificate_key +\S+;/, `ssl_certificate_key ${KEY};`],
        [/proxy_pass http:\/\/127\.0\.0\.1:3000;/g, `proxy_pass http://127.0.0.1:${upstreamPort()};`],
      ]),
    );
    // nginx's own settings for a run in a temp directory; the site is included as /etc/nginx's would be.
    const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((k) => `  ${k}_temp_path ${join(own, k)};`);
    writeFileSync(
      join(own, "nginx.conf"),
      [
        // As root, nginx's workers would drop to an account that cannot read this 0700 directory.
        ...(process.getuid?.() === 0 ? ["user root;"] : []),
        "daemon off;",
        "worker_processes 1;",
        `pid ${join(own, "nginx.pid")};`,
        `error_log ${join(own, "error.log")} warn;`,
        "events { worker_connections 64; }",
        "http {",
        "  access_log off;",
        ...temp,
        `  include ${join(own, "latchkey.conf")};`,
        "}",
        "",
      ].join("\n"),
    );
    return { argv: [binary("nginx"), "-p", own, "-e", join(own, "error.log"), "-c", join(own, "nginx.conf")] };
  });
  behavesAsDocumented("nginx", proxy);
});

describe("deploy/Caddyfile", () => {
  const proxy = useProxy("caddy", ({ http, https, dir: own }) => {
    const site = edited("Caddyfile", [
      [/^latchkey\.example\.com \{$/m, `${SITE} {\n\ttls ${CERT} ${KEY}`],
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
