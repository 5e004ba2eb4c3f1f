// What every API request tells about itself, read once at the edge.
import type { Context as HonoContext } from "hono";
import type { IncomingMessage } from "node:http";
import { clientAddress, type RequestMeta, type Services } from "@latchkey/api";
import type { ApiEnv } from "./requestLog";

type NodeEnv = { incoming?: IncomingMessage };

/** The client address: the socket's, or behind trusted proxies the one they vouch for (lib/clientAddress.ts). */
function clientIp(c: HonoContext, services: Services): string | null {
  return clientAddress(peerOf(c), c.req.header("x-forwarded-for"), services.config.LATCHKEY_TRUST_PROXY);
}

/** The socket's peer address (the nearest proxy, when there is one). */
export function peerOf(c: HonoContext): string | undefined {
  return (c.env as NodeEnv | undefined)?.incoming?.socket.remoteAddress;
}

export function baseMeta(c: HonoContext, services: Services): RequestMeta {
  return {
    ip: clientIp(c, services),
    // Chosen once per request by the request log, which also sends it back.
    requestId: (c as HonoContext<ApiEnv>).get("requestId") ?? services.random.uuid(),
    userAgent: c.req.header("user-agent")?.slice(0, 512) ?? null,
  };
}

/** The same for a Connect or gRPC call: its headers, the socket's peer and the id its log line carries. */
export function requestMetaOf(services: Services, headers: Headers, peer: string | undefined, requestId: string): RequestMeta {
  return {
    ip: clientAddress(peer, headers.get("x-forwarded-for") ?? undefined, services.config.LATCHKEY_TRUST_PROXY),
    requestId,
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return null;
}
