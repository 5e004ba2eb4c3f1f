// Who a request comes from. The socket's peer, unless it is a proxy the operator trusts: then the
// rightmost X-Forwarded-For address that no trusted proxy added. Real proxies (nginx
// `$proxy_add_x_forwarded_for`, HAProxy `option forwardfor`, cloud load balancers) append their
// peer to whatever the client sent, so everything left of that is the client's own invention.
import { BlockList, isIP } from "node:net";

/** LATCHKEY_TRUST_PROXY, parsed: nobody, the nearest `hops` proxies, or proxies by address. */
export type TrustProxy =
  { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; entries: readonly string[]; list: BlockList };

const TRUST_NOBODY: TrustProxy = { kind: "none" };

export const TRUST_PROXY_RULE =
  "must be false, true (one proxy hop), a number of proxy hops, or a comma-separated list of proxy addresses or CIDRs";

/** Parses LATCHKEY_TRUST_PROXY; null when the value means nothing we accept. */
export function parseTrustProxy(raw: string): TrustProxy | null {
  const v = raw.trim().toLowerCase();
  if (v === "" || v === "false" || v === "no" || v === "0") return TRUST_NOBODY;
  if (v === "true" || v === "yes") return { kind: "hops", hops: 1 };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops >= 1 && hops <= 32 ? { kind: "hops", hops } : null;
  }
  const list = new BlockList();
  const entries: string[] = [];
  for (const part of v.split(",")) {
    const entry = part.trim();
    const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(entry);
    const address = m ? canonicalAddress(m[1]!) : null;
    if (!m || !address) return null;
    const type = isIP(address) === 4 ? "ipv4" : "ipv6";
    const prefix = m[2] === undefined ? null : Number(m[2]);
    if (prefix === null) list.addAddress(address, type);
    else if (prefix <= (type === "ipv4" ? 32 : 128)) list.addSubnet(address, prefix, type);
    else return null;
    entries.push(entry);
  }
  return { kind: "addresses", entries, list };
}

/**
 * A valid IPv4 or IPv6 address in one spelling (IPv6 lower-case and compressed, an IPv4-mapped
 * IPv6 address as its IPv4 address, no zone), or null for anything else: "unknown", a port, a
 * name, an obfuscated number. Only such a value ever becomes a client identity.
 */
function canonicalAddress(raw: string): string | null {
  let a = raw.trim();
  if (a.length === 0 || a.length > 64) return null;
  const zone = a.indexOf("%");
  if (zone > 0 && a.includes(":")) a = a.slice(0, zone);
  const family = isIP(a);
  if (family === 4) return a;
  if (family !== 6) return null;
  const groups = expandIPv6(a);
  if (!groups) return null;
  // ::ffff:a.b.c.d is an IPv4 client seen through a dual-stack socket.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join(".");
  return new URL(`http://[${a}]/`).hostname.slice(1, -1);
}

/** The eight 16-bit groups of a valid IPv6 address (an IPv4 tail included). */
function expandIPv6(a: string): number[] | null {
  let text = a.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const bytes = v4[1]!.split(".").map(Number);
    text = `${text.slice(0, -v4[1]!.length)}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** Whether the socket's peer is a proxy whose X-Forwarded-* headers we believe. */
export function peerIsTrustedProxy(peer: string | null | undefined, trust: TrustProxy): boolean {
  if (trust.kind === "none") return false;
  if (trust.kind === "hops") return true;
  const p = peer ? canonicalAddress(peer) : null;
  return p !== null && trust.list.check(p, isIP(p) === 4 ? "ipv4" : "ipv6");
}

/**
 * The client address of a request, canonical (see canonicalAddress), or null when the socket is
 * already gone. `forwardedFor` is every X-Forwarded-For header joined with commas, as node:http
 * and fetch's Headers both join them.
 */
export function clientAddress(peer: string | null | undefined, forwardedFor: string | null | undefined, trust: TrustProxy): string | null {
  const self = peer ? canonicalAddress(peer) : null;
  if (!self || trust.kind === "none" || !forwardedFor || !peerIsTrustedProxy(self, trust)) return self;
  const hops = forwardedFor.split(",").map((h) => h.trim());
  let chosen: string | undefined;
  if (trust.kind === "hops") {
    // The peer is the first trusted hop; each further one appended the entry at the right end.
    // A chain shorter than the trusted hops ends at its leftmost entry (Express does the same).
    chosen = hops[Math.max(0, hops.length - trust.hops)];
  } else {
    // Walk left past the proxies we know; the first address that is not one is the client.
    for (let i = hops.length - 1; i >= 0; i--) {
      chosen = hops[i];
      const a = canonicalAddress(chosen!);
      if (!a || !trust.list.check(a, isIP(a) === 4 ? "ipv4" : "ipv6")) break;
    }
  }
  // Garbage where an address should be ("unknown", a port, a name): the proxy we trust is all we know.
  return (chosen !== undefined ? canonicalAddress(chosen) : null) ?? self;
}

/**
 * What per-address limits count: an IPv4 address, or an IPv6 client's /64 (one host usually owns
 * a whole /64, so counting single IPv6 addresses would hand it 2^64 budgets).
 */
export function limitSubject(ip: string | null): string | null {
  if (!ip) return null;
  if (isIP(ip) !== 6) return ip;
  const groups = expandIPv6(ip);
  return groups
    ? `${groups
        .slice(0, 4)
        .map((g) => g.toString(16))
        .join(":")}::/64`
    : ip;
}

/**
 * Whether the client reached us over https: the public URL is https, or a proxy we trust says so
 * (X-Forwarded-Proto; the rightmost value, the one the nearest proxy set). A client's own
 * X-Forwarded-Proto is never believed: it would decide the Secure flag and name of the cookie.
 */
export function reachedOverHttps(
  peer: string | null | undefined,
  forwardedProto: string | null | undefined,
  config: { publicUrl: string; LATCHKEY_TRUST_PROXY: TrustProxy },
): boolean {
  if (config.publicUrl.startsWith("https:")) return true;
  if (!forwardedProto || !peerIsTrustedProxy(peer, config.LATCHKEY_TRUST_PROXY)) return false;
  return forwardedProto.split(",").at(-1)!.trim().toLowerCase() === "https";
}

/**
 * The server process tells the web app's server components what it found through these request
 * headers, after removing whatever the client sent under the same names.
 */
export const CLIENT_ADDRESS_HEADER = "x-latchkey-client-address";
export const CLIENT_HTTPS_HEADER = "x-latchkey-client-https";
