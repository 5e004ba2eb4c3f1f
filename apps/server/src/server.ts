// The one process users start: node:http sends the API paths to the lean Hono app and
// everything else to Next's request handler, on one port.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { getRequestListener } from "@hono/node-server";
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_HTTPS_HEADER,
  clientAddress,
  reachedOverHttps,
  registerServices,
  type Services,
} from "@latchkey/api";
import { createApiApp, isApiPath } from "@latchkey/gateway";
import { logWebRequest } from "./webRequestLog";

export const WEB_DIR = fileURLToPath(new URL("../../web", import.meta.url));

export interface StartOptions {
  services: Services;
  port: number;
  host?: string;
  /** Serve the Next.js web app too (needs `next build` first). API-only tests turn it off. */
  web?: boolean;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

async function nextHandler(): Promise<
  (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<void>
> {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: WEB_DIR, quiet: true });
  await app.prepare();
  const handle = app.getRequestHandler();
  return (req, res) => handle(req, res);
}

/** A request header as one string; repeated headers joined with commas, as HTTP allows for lists. */
function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const { services } = opts;
  registerServices(services);
  const api = getRequestListener(createApiApp(services).fetch);
  const web = opts.web === false ? null : await nextHandler();
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?", 1)[0]!;
    // Only this process says who the client is; a client sending these headers says nothing.
    delete req.headers[CLIENT_ADDRESS_HEADER];
    delete req.headers[CLIENT_HTTPS_HEADER];
    if (isApiPath(path) || !web) {
      void api(req, res);
      return;
    }
    // Server components read the client's address and scheme from here (apps/web lib/server.ts).
    const peer = req.socket.remoteAddress;
    const ip = clientAddress(peer, headerOf(req, "x-forwarded-for"), services.config.LATCHKEY_TRUST_PROXY);
    if (ip) req.headers[CLIENT_ADDRESS_HEADER] = ip;
    if (reachedOverHttps(peer, headerOf(req, "x-forwarded-proto"), services.config)) req.headers[CLIENT_HTTPS_HEADER] = "1";
    logWebRequest(services, req, res, path);
    web(req, res).catch((err: unknown) => {
      services.log.error("web.unhandled", { name: (err as Error)?.name });
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal server error");
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "0.0.0.0", () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : opts.port;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
