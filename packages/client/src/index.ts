// The typed client for internal services: a tRPC client over /api/trpc with a bearer token.
// It imports only the router's type, so no server code ends up in the caller's bundle.
import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCClient } from "@trpc/client";
import type { AppRouter, RouterInputs, RouterOutputs } from "./router.js";

export interface LatchkeyClientOptions {
  /** The server's base URL, e.g. http://localhost:3000. */
  url: string;
  /** An API token (`lk_…`). */
  token: string;
  /** Act in another organization (guid or alias); instance admins only. */
  org?: string;
  /** A fetch to use instead of the global one (tests, proxies, tracing). */
  fetch?: typeof fetch;
}

/** `client.employees.resetPassword.mutate({ guid })`, `client.settings.get.query()`, … */
export type LatchkeyClient = TRPCClient<AppRouter>;

export function createLatchkeyClient(opts: LatchkeyClientOptions): LatchkeyClient {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token}` };
  if (opts.org) headers["x-latchkey-org"] = opts.org;
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${opts.url.replace(/\/+$/, "")}/api/trpc`,
        headers: () => headers,
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
      }),
    ],
  });
}

/** `RouterInputs["employees"]["resetPassword"]`, `RouterOutputs["employees"]["get"]`, … */
export type { AppRouter, RouterInputs, RouterOutputs };

/** The domain error code of a failed call (`NotFound`, `NotAllowedForOwner`, …), or null. */
export function domainCodeOf(err: unknown): string | null {
  if (!(err instanceof TRPCClientError)) return null;
  return (err as TRPCClientError<AppRouter>).data?.domainCode ?? null;
}
