// The lean API handler: /api/trpc, the REST paths and /openapi.json, served by Hono beside
// Next (a Next route handler serves ~1k req/s here, raw node:http ~38k, Hono ~32k).
import { Hono } from "hono";
import type { Services } from "@latchkey/api";
import { mountTrpc } from "./trpcEndpoint";

export function createApiApp(services: Services): Hono {
  const app = new Hono();
  mountTrpc(app, services);
  return app;
}

/** Paths the lean handler owns; everything else goes to Next. */
export function isApiPath(pathname: string): boolean {
  return pathname.startsWith("/api/trpc");
}
