// One port for HTTP/1.1 and HTTP/2 cleartext. gRPC clients speak HTTP/2 without TLS by prior
// knowledge: such a connection opens with a fixed 24-byte preface, which no HTTP/1 request
// can start with. The first bytes of each connection pick the server that gets the socket.
import { createServer, type Server, type Socket } from "node:net";
import type { Server as Http1Server } from "node:http";
import type { Http2Server, Http2Session } from "node:http2";

const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");
/** A connection that says nothing for this long is dropped before either server sees it. */
const SNIFF_TIMEOUT_MS = 30_000;

function route(socket: Socket, http1: Http1Server, http2: Http2Server): void {
  let seen = Buffer.alloc(0);
  const onTimeout = () => socket.destroy();
  const onError = () => socket.destroy();
  const onData = (chunk: Buffer) => {
    seen = Buffer.concat([seen, chunk]);
    const n = Math.min(seen.length, PREFACE.length);
    const isH2 = seen.subarray(0, n).equals(PREFACE.subarray(0, n));
    if (isH2 && seen.length < PREFACE.length) return; // so far it could be either: wait for more
    socket.off("data", onData);
    socket.off("timeout", onTimeout);
    socket.off("error", onError);
    socket.setTimeout(0);
    socket.pause();
    socket.unshift(seen);
    // Each server takes the bytes read so far from the socket's buffer: the HTTP/1 parser once the
    // stream flows again, the HTTP/2 session at once (it then reads the socket's handle itself).
    if (isH2) http2.emit("connection", socket);
    else {
      http1.emit("connection", socket);
      socket.resume();
    }
  };
  socket.setTimeout(SNIFF_TIMEOUT_MS);
  socket.on("timeout", onTimeout);
  socket.on("data", onData);
  socket.on("error", onError);
}

export interface ProtocolListener {
  server: Server;
  /** Stops listening and ends every connection (open HTTP/2 sessions, keep-alive sockets). */
  close(): Promise<void>;
}

export function createProtocolListener(http1: Http1Server, http2: Http2Server): ProtocolListener {
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  http2.on("session", (session: Http2Session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    route(socket, http1, http2);
  });
  // An http.Server starts tracking its connections (headersTimeout, requestTimeout, and
  // closeAllConnections) when it hears 'listening'; this one never listens itself.
  server.on("listening", () => http1.emit("listening"));
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        http1.close(() => {}); // stops its connection checks; it reports "not running", which it never was
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
      }),
  };
}
