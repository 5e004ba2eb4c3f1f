"use client";
// The browser's tRPC client: same-origin JSON POSTs to /api/trpc (the session cookie rides
// along; the endpoint refuses cookie writes from other origins).
import { createTRPCClient, httpBatchLink, type TRPCLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@latchkey/api";
import { isGuid, ORG_COOKIE, ORG_HEADER } from "./orgCookie";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function readCookie(name: string): string | undefined {
  if (typeof document === "undefined") return undefined;
  const hit = document.cookie.split("; ").find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : undefined;
}

/** Script-readable on purpose (the tRPC link sends it as a header); it holds an org id, no credential. */
export function writeCookie(name: string, value: string | null): void {
  const age = value === null ? 0 : 60 * 60 * 24 * 365;
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${name}=${encodeURIComponent(value ?? "")}; Path=/; SameSite=Lax; Max-Age=${age}${secure}`;
}

function links(): TRPCLink<AppRouter>[] {
  return [
    httpBatchLink({
      url: "/api/trpc",
      headers() {
        const org = readCookie(ORG_COOKIE);
        return isGuid(org) ? { [ORG_HEADER]: org } : {};
      },
    }),
  ];
}

export const makeTrpcClient = () => createTRPCClient<AppRouter>({ links: links() });
