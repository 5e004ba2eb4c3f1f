// The one process users start, on one port: HTTP/1.1 and HTTP/2 cleartext (gRPC) share it
// (protocolListener.ts). ZITADEL's RPC services go to the Connect/gRPC handler, the API paths
// to the lean Hono app, everything else to Next's request handler (over HTTP/1.1: browsers
// never speak cleartext HTTP/2).
import { createServer, type IncomingMessage, type Server as Http1Server, type ServerResponse } from "node:http";
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import type { Server } from "node:net";
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
import { createApiApp, createRpcHandler, isApiPath, isRpcPath } from "@latchkey/gateway";
import { allowedHosts, refusedHost, refusedWebMethod, setCommonHeaders } from "./edgeGuards";
import { createProtocolListener } from "./protocolListener";
import { logWebRequest } from "./webRequestLog";

export const WEB_DIR = fileURLToPath(new URL("../../web", import.meta.url));

export interface StartOptions {
  services: Services;
  port: number;
  host?: string;
  /** Serve the Next.js web app too (needs `next build` first). API-only tests turn it off. */
  web?: boolean;
  /** Next.js in development mode: compiles pages on request and pushes changes to the browser. */
  dev?: boolean;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

interface WebApp {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

/**
 * Next's request handler. In development mode Next also answers hot reload's WebSocket upgrades
 * on `http1`: it is named here because connections reach it from the protocol listener, so Next
 * cannot find it from a request's socket.
 */
async function nextApp(dev: boolean, http1: Http1Server): Promise<WebApp> {
  const { default: next } = await import("next");
  const app = next({ dev, dir: WEB_DIR, quiet: !dev, ...(dev ? { httpServer: http1 } : {}) });
  await app.prepare();
  const handle = app.getRequestHandler();
  // In development mode closing stops Next's file watchers and compiler; the built app holds none.
  return { handle: (req, res) => handle(req, res), close: dev ? () => app.close() : async () => {} };
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
  const rpc = createRpcHandler(services);
  let web: WebApp | null = null;
  const hosts = allowedHosts(services.config);
  const http1 = createServer((req, res) => {
    const path = (req.url ?? "/").split("?", 1)[0]!;
    // Only this process says who the client is; a client sending these headers says nothing.
    delete req.headers[CLIENT_ADDRESS_HEADER];
    delete req.headers[CLIENT_HTTPS_HEADER];
    setCommonHeaders(res);
    if (refusedHost(req, res, path, hosts)) return;
    if (isRpcPath(path)) return rpc(req, res);
    if (isApiPath(path)) {
      void api(req, res);
      return;
    }
    if (refusedWebMethod(req, res)) return;
    if (!web) {
      void api(req, res);
      return;
    }
    // Server components read the client's address and scheme from here (apps/web lib/server.ts).
    const peer = req.socket.remoteAddress;
    const ip = clientAddress(peer, headerOf(req, "x-forwarded-for"), services.config.LATCHKEY_TRUST_PROXY);
    if (ip) req.headers[CLIENT_ADDRESS_HEADER] = ip;
    if (reachedOverHttps(peer, headerOf(req, "x-forwarded-proto"), services.config)) req.headers[CLIENT_HTTPS_HEADER] = "1";
    logWebRequest(services, req, res, path);
    web.handle(req, res).catch((err: unknown) => {
      services.log.error("web.unhandled", { name: (err as Error)?.name });
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal server error");
    });
  });
  http1.keepAliveTimeout = 65_000;
  if (opts.web !== false) web = await nextApp(opts.dev ?? false, http1);
  const http2 = createHttp2Server((req: Http2ServerRequest, res: Http2ServerResponse) => {
    const path = (req.url ?? "/").split("?", 1)[0]!;
    delete req.headers[CLIENT_ADDRESS_HEADER];
    delete req.headers[CLIENT_HTTPS_HEADER];
    setCommonHeaders(res);
    // The same allowlist as HTTP/1.1: browsers never speak cleartext HTTP/2, but a host named in
    // :authority must not get past what a Host header can not.
    if (refusedHost(req, res, path, hosts)) return;
    if (isRpcPath(path)) return rpc(req, res);
    void api(req as unknown as IncomingMessage, res as unknown as ServerResponse);
  });
  const listener = createProtocolListener(http1, http2);
  const { server } = listener;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "0.0.0.0", () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : opts.port;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await listener.close();
      await web?.close();
    },
  };
}
