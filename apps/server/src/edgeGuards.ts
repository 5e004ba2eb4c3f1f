// What every request meets before it is routed: the Host allowlist (against DNS rebinding), the
// methods web pages answer, and headers every answer carries. Each refusal is a short plain
// answer written here, so nothing reaches Next (which answers unknown methods with a 500 and
// a stack trace in the log) and nothing reveals more than the refusal.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";

/** Web pages are read (GET, HEAD) and post forms and server actions (POST); nothing else. */
const WEB_METHODS = new Set(["GET", "HEAD", "POST"]);
const WEB_ALLOW = "GET, HEAD, POST";

/** Probes a load balancer sends to the machine's address rather than the public name. */
const ANY_HOST_PATHS = new Set(["/healthz", "/readyz"]);

/** Names a browser only sends for this machine itself: a rebinding page's name is never one of them. */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/**
 * The host names requests may carry, or null when any may (no LATCHKEY_PUBLIC_URL, or
 * LATCHKEY_ALLOWED_HOSTS=*). A page on another name whose DNS answer was rebound to this server
 * reaches it with that other name in Host: refusing it keeps such a page from reading answers
 * as same-origin.
 */
export function allowedHosts(config: {
  LATCHKEY_PUBLIC_URL?: string | undefined;
  LATCHKEY_ALLOWED_HOSTS?: string[] | undefined;
}): Set<string> | null {
  const extra = config.LATCHKEY_ALLOWED_HOSTS ?? [];
  if (extra.includes("*") || !config.LATCHKEY_PUBLIC_URL) return null;
  return new Set([new URL(config.LATCHKEY_PUBLIC_URL).hostname.toLowerCase(), ...LOOPBACK_NAMES, ...extra.map((h) => h.toLowerCase())]);
}

/** "Example.com:8443" -> "example.com", "[::1]:3000" -> "[::1]"; the port does not decide. */
function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  const colon = h.indexOf(":");
  return colon < 0 ? h : h.slice(0, colon);
}

function refuse(res: ServerResponse | Http2ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(`${text}\n`);
}

/**
 * Answers 421 and returns true when the request names a host this installation does not serve.
 * HTTP/2 names it in `:authority`, and may send a Host header beside it: every name given must
 * be served, so neither can carry another one past the check.
 */
export function refusedHost(
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
  path: string,
  allowed: Set<string> | null,
): boolean {
  if (!allowed || ANY_HOST_PATHS.has(path)) return false;
  const names = [req.headers[":authority"], req.headers.host].filter((h): h is string => typeof h === "string");
  if (names.length > 0 && names.every((h) => allowed.has(hostName(h)))) return false;
  refuse(res, 421, "This server does not answer for that host name.");
  return true;
}

/** Answers 405 and returns true for a method no web page takes (TRACE, PUT, PROPFIND, …). */
export function refusedWebMethod(req: IncomingMessage, res: ServerResponse): boolean {
  if (WEB_METHODS.has(req.method ?? "")) return false;
  refuse(res, 405, "Method not allowed.", { allow: WEB_ALLOW });
  return true;
}

/** Every answer, API or page: browsers must take its declared content type, never guess another. */
export function setCommonHeaders(res: ServerResponse | Http2ServerResponse): void {
  res.setHeader("x-content-type-options", "nosniff");
}
