// Attacks on the client address behind a reverse proxy. Real proxies append their peer to the
// X-Forwarded-For the client sent, so everything left of the trusted hops is the client's own
// invention: it must never decide a request limit, a wrong-code block or the audit log's address.
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@latchkey/api";
import { fromAddress } from "../fromAddress";
import { PASSWORD } from "../passwords";
import { useServer, type TestServer } from "../useServer";

let n = 0;
/** A wrong activation code sent with this X-Forwarded-For; answers the status, the code and the audited address. */
async function wrongCode(t: TestServer, xff: string | null, from = "127.0.0.1") {
  const rid = `proxy-${++n}`;
  const res = await fromAddress(from, `${t.url}/auth/activate-workplace`, {
    headers: { "x-request-id": rid, ...(xff === null ? {} : { "x-forwarded-for": xff }) },
    body: { activation_code: "00000001" },
  });
  const [event] = await t.sql<{ ip: string | null }>("SELECT ip FROM audit_events WHERE request_id = ?", rid);
  return { status: res.status, code: (JSON.parse(res.body) as { code: string }).code, ip: event?.ip ?? null };
}
const spoof = () => `10.${n % 250}.${(n * 7) % 250}.${(n * 13) % 250}`;
const clearLimits = (t: TestServer) => t.exec("DELETE FROM rate_limits");

describe("one trusted hop (LATCHKEY_TRUST_PROXY=1)", () => {
  const t = useServer({ LATCHKEY_TRUST_PROXY: "1" });

  it("a spoofed first hop changes nothing: the wrong-code block and the audit address follow the address the proxy appended", async () => {
    await clearLimits(t);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await wrongCode(t, `${spoof()}, 198.51.100.20`));
    expect(answers.map((a) => a.code)).toEqual([...Array(5).fill("WrongActivationCode"), "TryActivateLater"]);
    expect(answers.every((a) => a.ip === "198.51.100.20")).toBe(true);
    // Another client behind the same proxy, who puts the blocked address first, is not blocked.
    const other = await wrongCode(t, "198.51.100.20, 198.51.100.21");
    expect(other).toEqual({ status: 401, code: "WrongActivationCode", ip: "198.51.100.21" });
  });

  it("garbage, `unknown`, ports and names where the client address should be fall back to the peer", async () => {
    await clearLimits(t);
    for (const xff of [
      "unknown",
      "garbage",
      "198.51.100.9:443",
      "[2001:db8::1]:443",
      "host.example",
      "",
      " , ",
      "198.51.100.9, unknown",
      "0x7f.1",
    ])
      expect((await wrongCode(t, xff)).ip, xff).toBe("127.0.0.1");
  });

  it("IPv6 clients are limited per /64; an IPv4-mapped IPv6 address is its IPv4 address", async () => {
    await clearLimits(t);
    const sameHost = ["2001:db8:1:2::1", "2001:DB8:1:2::2", "2001:db8:1:2:ffff::3", "2001:db8:1:2:0:0:0:4", "2001:db8:1:2::5"];
    for (const a of sameHost) expect((await wrongCode(t, `${spoof()}, ${a}`)).code).toBe("WrongActivationCode");
    const blocked = await wrongCode(t, "2001:db8:1:2:abcd::77");
    expect(blocked.code).toBe("TryActivateLater");
    expect(blocked.ip).toBe("2001:db8:1:2:abcd::77");
    expect((await wrongCode(t, "2001:db8:1:3::1")).code).toBe("WrongActivationCode");

    for (let i = 0; i < 5; i++) expect((await wrongCode(t, "::ffff:198.51.100.30")).ip).toBe("198.51.100.30");
    expect((await wrongCode(t, "198.51.100.30")).code).toBe("TryActivateLater");
  });
});

describe("the per-address request limit behind one trusted hop (`true`)", () => {
  const PER_IP = 5;
  const t = useServer({ LATCHKEY_TRUST_PROXY: "true", LATCHKEY_RATE_LIMIT_PER_IP: String(PER_IP) });

  it("follows the real client, not the first hop", async () => {
    await clearLimits(t);
    const me = async (xff: string) =>
      (await fromAddress("127.0.0.1", `${t.url}/api/trpc/auth.me`, { headers: { "x-forwarded-for": xff } })).status;
    const statuses = [];
    for (let i = 0; i < PER_IP + 2; i++) statuses.push(await me(`${spoof()}, 203.0.113.7`));
    expect(statuses.slice(0, PER_IP).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(PER_IP)).toEqual([429, 429]);
    expect(await me("203.0.113.7, 203.0.113.8")).not.toBe(429);
    // A whole /64 shares one budget.
    await clearLimits(t);
    for (let i = 0; i < PER_IP; i++) expect(await me(`2001:db8:5:6::${i + 1}`)).not.toBe(429);
    expect(await me("2001:db8:5:6:1:2:3:4")).toBe(429);
  });
});

describe("two trusted hops (LATCHKEY_TRUST_PROXY=2)", () => {
  const t = useServer({ LATCHKEY_TRUST_PROXY: "2" });

  it("the client is the address left of the two proxies, whatever precedes it", async () => {
    await clearLimits(t);
    expect((await wrongCode(t, "10.9.9.9, 198.51.100.50, 10.0.0.2")).ip).toBe("198.51.100.50");
    // A chain shorter than the trusted hops ends at its leftmost entry, added by the outer proxy.
    expect((await wrongCode(t, "198.51.100.51")).ip).toBe("198.51.100.51");
  });
});

describe("trusted proxies by address (LATCHKEY_TRUST_PROXY=127.0.0.2,10.0.0.0/8)", () => {
  const t = useServer({ LATCHKEY_TRUST_PROXY: "127.0.0.2, 10.0.0.0/8" });

  it("believes X-Forwarded-For only from a listed peer, and walks left past listed proxies", async () => {
    await clearLimits(t);
    const xff = "10.1.1.1, 198.51.100.60, 10.2.3.4";
    expect((await wrongCode(t, xff, "127.0.0.2")).ip).toBe("198.51.100.60");
    expect((await wrongCode(t, xff, "127.0.0.3")).ip).toBe("127.0.0.3");
    expect((await wrongCode(t, "198.51.100.61, unknown, 10.2.3.4", "127.0.0.2")).ip).toBe("127.0.0.2");
  });
});

describe("no trusted proxy (the default)", () => {
  const t = useServer();

  it("ignores X-Forwarded-For: the peer is the client", async () => {
    await clearLimits(t);
    expect((await wrongCode(t, "198.51.100.70", "127.0.0.4")).ip).toBe("127.0.0.4");
  });
});

describe("LATCHKEY_TRUST_PROXY values", () => {
  const parse = (v: string) => parseEnv({ LATCHKEY_TRUST_PROXY: v } as unknown as NodeJS.ProcessEnv).LATCHKEY_TRUST_PROXY;

  it("takes false, true (one hop), a number of hops, or proxy addresses and CIDRs, and refuses anything else in one line", () => {
    expect(parse("false")).toEqual({ kind: "none" });
    expect(parse("0")).toEqual({ kind: "none" });
    expect(parse("true")).toEqual({ kind: "hops", hops: 1 });
    expect(parse("3")).toEqual({ kind: "hops", hops: 3 });
    expect(parse("10.0.0.0/8, 192.0.2.1, 2001:db8::/32")).toMatchObject({
      kind: "addresses",
      entries: ["10.0.0.0/8", "192.0.2.1", "2001:db8::/32"],
    });
    for (const bad of ["maybe", "-1", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/8,", "proxy.example", "1.2.3.4:80"]) {
      const err = (() => {
        try {
          parse(bad);
        } catch (e) {
          return e as Error;
        }
      })();
      expect(err, bad).toBeInstanceOf(ConfigError);
      expect(err!.message).toContain(
        "LATCHKEY_TRUST_PROXY must be false, true (one proxy hop), a number of proxy hops, or a comma-separated list",
      );
    }
  });
});

describe("the session cookie's Secure flag and name", () => {
  const trusted = useServer({ LATCHKEY_TRUST_PROXY: "127.0.0.2" });
  const httpsUrl = useServer({ LATCHKEY_PUBLIC_URL: "https://latchkey.example" });

  const signIn = async (t: TestServer, from: string, headers: Record<string, string>) => {
    const res = await fromAddress(from, `${t.url}/api/trpc/auth.signIn`, {
      headers,
      body: { login: t.world.employees[0]!.email, password: PASSWORD },
    });
    expect(res.status).toBe(200);
    return String(res.headers["set-cookie"]);
  };
  const me = async (t: TestServer, from: string, headers: Record<string, string>) =>
    (await fromAddress(from, `${t.url}/api/trpc/auth.me`, { headers })).status;

  it("follows X-Forwarded-Proto only from a trusted proxy; over https the cookie is __Host-lk_session and only that name counts", async () => {
    const viaProxy = await signIn(trusted, "127.0.0.2", { "x-forwarded-proto": "https" });
    expect(viaProxy).toMatch(/^__Host-lk_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    const value = viaProxy.split(";")[0]!.slice("__Host-lk_session=".length);
    expect(await me(trusted, "127.0.0.2", { "x-forwarded-proto": "https", cookie: `__Host-lk_session=${value}` })).toBe(200);
    // Over https a bare lk_session could have been planted by a sibling subdomain: it is not read.
    expect(await me(trusted, "127.0.0.2", { "x-forwarded-proto": "https", cookie: `lk_session=${value}` })).toBe(401);

    // A client that is not a trusted proxy cannot claim https for itself.
    const direct = await signIn(trusted, "127.0.0.3", { "x-forwarded-proto": "https" });
    expect(direct).toMatch(/^lk_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
  });

  it("is Secure and __Host- whenever LATCHKEY_PUBLIC_URL is https", async () => {
    expect(await signIn(httpsUrl, "127.0.0.1", {})).toMatch(/^__Host-lk_session=[^;]+; .*; Secure$/);
  });
});
